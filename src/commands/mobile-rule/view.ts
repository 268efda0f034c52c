import type { MobileDeviceAccessRule } from "@aws-sdk/client-workmail";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { NotFoundError, UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";
import { conditionSummary } from "../access-rule/view.js";

export interface MobileRuleView {
  id: string | undefined;
  name: string | undefined;
  effect: string | undefined;
  description: string | undefined;
  conditions: string;
  deviceTypes: string[] | undefined;
  notDeviceTypes: string[] | undefined;
  deviceModels: string[] | undefined;
  notDeviceModels: string[] | undefined;
  operatingSystems: string[] | undefined;
  notOperatingSystems: string[] | undefined;
  userAgents: string[] | undefined;
  notUserAgents: string[] | undefined;
  created: Date | undefined;
  modified: Date | undefined;
}

const MOBILE_RULE_FIELDS = [
  "id",
  "name",
  "effect",
  "description",
  "conditions",
  "deviceTypes",
  "notDeviceTypes",
  "deviceModels",
  "notDeviceModels",
  "operatingSystems",
  "notOperatingSystems",
  "userAgents",
  "notUserAgents",
  "created",
  "modified",
] as const;

export const mobileRuleListOutput: OutputSpec = {
  fields: MOBILE_RULE_FIELDS,
  columns: ["id", "name", "effect", "conditions", "description"],
  list: true,
  empty: "no mobile device access rules",
};
export const mobileRuleRecordOutput: OutputSpec = {
  fields: MOBILE_RULE_FIELDS,
  columns: ["id", "name", "effect", "description", "conditions", "created", "modified"],
};

const some = (l: string[] | undefined) => (l === undefined || l.length === 0 ? undefined : l);

/** A rule's conditions by the view's names, each absent when empty (views and --dry-run plans). */
export function mobileRuleConditions(r: MobileDeviceAccessRule) {
  return {
    deviceTypes: some(r.DeviceTypes),
    notDeviceTypes: some(r.NotDeviceTypes),
    deviceModels: some(r.DeviceModels),
    notDeviceModels: some(r.NotDeviceModels),
    operatingSystems: some(r.DeviceOperatingSystems),
    notOperatingSystems: some(r.NotDeviceOperatingSystems),
    userAgents: some(r.DeviceUserAgents),
    notUserAgents: some(r.NotDeviceUserAgents),
  };
}

export function mobileRuleView(r: MobileDeviceAccessRule): MobileRuleView {
  const v = mobileRuleConditions(r);
  return {
    id: r.MobileDeviceAccessRuleId,
    name: r.Name,
    effect: r.Effect,
    description: r.Description,
    conditions: conditionSummary(
      [
        ["type", v.deviceTypes],
        ["type not", v.notDeviceTypes],
        ["model", v.deviceModels],
        ["model not", v.notDeviceModels],
        ["os", v.operatingSystems],
        ["os not", v.notOperatingSystems],
        ["agent", v.userAgents],
        ["agent not", v.notUserAgents],
      ],
      "all devices",
    ),
    ...v,
    created: r.DateCreated,
    modified: r.DateModified,
  };
}

export async function listMobileRules(api: WorkMailApi, orgId: string): Promise<MobileDeviceAccessRule[]> {
  return (await api.listMobileDeviceAccessRules({ OrganizationId: orgId })).Rules ?? [];
}

/** A mobile rule of `rules` by id, or by name when exactly one rule has it (rule names need not be unique). */
export function resolveMobileRule(
  rules: readonly MobileDeviceAccessRule[],
  ref: string,
  orgId: string,
): MobileDeviceAccessRule {
  const byId = rules.find((r) => r.MobileDeviceAccessRuleId === ref);
  if (byId !== undefined) return byId;
  const byName = rules.filter((r) => r.Name?.toLowerCase() === ref.toLowerCase());
  if (byName.length === 1) return byName[0] as MobileDeviceAccessRule;
  if (byName.length > 1) {
    throw new UsageError(
      `${byName.length} mobile rules are named "${ref}"`,
      `name one by id: ${byName.map((r) => r.MobileDeviceAccessRuleId).join(", ")}`,
    );
  }
  throw new NotFoundError(
    `no mobile device access rule "${ref}" in organization ${orgId}`,
    "see `wmctl mobile-rule list`",
  );
}

/** The condition flags shared by create and update. */
export const CONDITION_OPTIONS = {
  deviceType: {
    kind: "list",
    placeholder: "type",
    describe: "Devices whose type starts with one of these (any case; $NONE: not reported)",
  },
  notDeviceType: {
    kind: "list",
    placeholder: "type",
    describe: "Devices that report a type starting with none of these",
  },
  deviceModel: { kind: "list", placeholder: "model", describe: "Devices whose model starts with one of these" },
  notDeviceModel: {
    kind: "list",
    placeholder: "model",
    describe: "Devices that report a model starting with none of these",
  },
  os: {
    kind: "list",
    placeholder: "os",
    describe: "Devices whose operating system starts with one of these, e.g. 'iOS 14.3'",
  },
  notOs: {
    kind: "list",
    placeholder: "os",
    describe: "Devices that report an operating system starting with none of these",
  },
  userAgent: { kind: "list", placeholder: "agent", describe: "Devices whose user agent starts with one of these" },
  notUserAgent: {
    kind: "list",
    placeholder: "agent",
    describe: "Devices that report a user agent starting with none of these",
  },
} as const;

export interface ConditionFlags {
  deviceType: string[];
  notDeviceType: string[];
  deviceModel: string[];
  notDeviceModel: string[];
  os: string[];
  notOs: string[];
  userAgent: string[];
  notUserAgent: string[];
}

/** The API members for the condition flags that were given (an empty flag list: undefined). */
export function conditionMembers(f: ConditionFlags) {
  const l = (v: string[]) => (v.length === 0 ? undefined : v);
  return {
    DeviceTypes: l(f.deviceType),
    NotDeviceTypes: l(f.notDeviceType),
    DeviceModels: l(f.deviceModel),
    NotDeviceModels: l(f.notDeviceModel),
    DeviceOperatingSystems: l(f.os),
    NotDeviceOperatingSystems: l(f.notOs),
    DeviceUserAgents: l(f.userAgent),
    NotDeviceUserAgents: l(f.notUserAgent),
  };
}

export const CONDITIONS_HELP =
  "Each condition is a case-insensitive prefix of what the device reports; a rule applies when all its\n" +
  "conditions match, and a rule without conditions applies to every device. $NONE in a condition matches\n" +
  "a device that does not report that property; a --not-... condition never matches such a device.\n" +
  "List flags split on commas: repeat the flag for values that contain one.";
