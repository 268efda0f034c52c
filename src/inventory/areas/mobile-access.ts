import { randomUUID } from "node:crypto";
import type { MobileDeviceAccessOverride, MobileDeviceAccessRule } from "@aws-sdk/client-workmail";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { InventoryArea, RestoreStep } from "../area.js";
import { alreadyEqual, attempt, cell, skipped, userIdsOf, userRef } from "./policy-steps.js";

interface InventoryMobileRule {
  name: string;
  effect: "ALLOW" | "DENY";
  description?: string | undefined;
  deviceTypes?: string[] | undefined;
  notDeviceTypes?: string[] | undefined;
  deviceModels?: string[] | undefined;
  notDeviceModels?: string[] | undefined;
  operatingSystems?: string[] | undefined;
  notOperatingSystems?: string[] | undefined;
  userAgents?: string[] | undefined;
  notUserAgents?: string[] | undefined;
}

interface InventoryMobileOverride {
  user: string;
  deviceId: string;
  effect: "ALLOW" | "DENY";
  description?: string | undefined;
}

export interface InventoryMobileAccess {
  rules: InventoryMobileRule[];
  overrides: InventoryMobileOverride[];
}

const AREA = "mobile-access";
const MAX_RULES = 10;

const KEYS = [
  ["deviceTypes", "DeviceTypes"],
  ["notDeviceTypes", "NotDeviceTypes"],
  ["deviceModels", "DeviceModels"],
  ["notDeviceModels", "NotDeviceModels"],
  ["operatingSystems", "DeviceOperatingSystems"],
  ["notOperatingSystems", "NotDeviceOperatingSystems"],
  ["userAgents", "DeviceUserAgents"],
  ["notUserAgents", "NotDeviceUserAgents"],
] as const;

function fromApi(r: MobileDeviceAccessRule): InventoryMobileRule {
  const out: InventoryMobileRule = { name: r.Name as string, effect: r.Effect as "ALLOW" | "DENY" };
  if (r.Description !== undefined) out.description = r.Description;
  for (const [mine, theirs] of KEYS) {
    const v = r[theirs];
    if (v !== undefined && v.length > 0) out[mine] = v;
  }
  return out;
}

function toApi(r: InventoryMobileRule) {
  const out: Record<string, unknown> = { Name: r.name, Effect: r.effect };
  if (r.description !== undefined) out.Description = r.description;
  for (const [mine, theirs] of KEYS) if (r[mine] !== undefined) out[theirs] = r[mine];
  return out as { Name: string; Effect: "ALLOW" | "DENY" };
}

/**
 * Mobile device access rules and the per-user-and-device overrides (users by name). Restore makes
 * the target's rule set equal to the inventory's (rules matched by name are updated, missing ones
 * created, others deleted: a new organization's allow-all `default` must not survive an inventory
 * that removed it); overrides are put, and overrides only the target has are left alone.
 */
export const mobileAccessArea: InventoryArea<InventoryMobileAccess> = {
  name: AREA,

  async collect(api, orgId, refs) {
    const rules = ((await api.listMobileDeviceAccessRules({ OrganizationId: orgId })).Rules ?? []).map(fromApi);
    const overrides: InventoryMobileOverride[] = [];
    for await (const o of paginate(
      (t) => api.listMobileDeviceAccessOverrides({ OrganizationId: orgId, NextToken: t }),
      "Overrides",
    )) {
      overrides.push({
        user: userRef(refs, o.UserId as string),
        deviceId: o.DeviceId as string,
        effect: o.Effect as "ALLOW" | "DENY",
        ...(o.Description === undefined ? {} : { description: o.Description }),
      });
    }
    return { rules, overrides };
  },

  async restore(api, orgId, data, refs) {
    const steps: RestoreStep[] = [];
    const current = (await api.listMobileDeviceAccessRules({ OrganizationId: orgId })).Rules ?? [];
    const unused = [...current];
    const plan = data.rules.map((rule) => {
      const i = unused.findIndex((r) => r.Name === rule.name);
      const match = i < 0 ? undefined : unused.splice(i, 1)[0];
      return { rule, id: match?.MobileDeviceAccessRuleId };
    });
    const remove = async (r: MobileDeviceAccessRule) => {
      steps.push(
        await attempt(AREA, "DeleteMobileDeviceAccessRule", r.Name ?? "", "deleted", () =>
          api.deleteMobileDeviceAccessRule({
            OrganizationId: orgId,
            MobileDeviceAccessRuleId: r.MobileDeviceAccessRuleId as string,
          }),
        ),
      );
    };
    const makeRoomFirst = current.length + plan.filter((p) => p.id === undefined).length > MAX_RULES;
    if (makeRoomFirst) for (const r of unused) await remove(r);
    for (const { rule, id } of plan) {
      const existing = current.find((r) => r.MobileDeviceAccessRuleId === id);
      if (existing !== undefined && alreadyEqual(existing as Record<string, unknown>, toApi(rule))) {
        steps.push(skipped(AREA, "UpdateMobileDeviceAccessRule", rule.name));
        continue;
      }
      steps.push(
        await attempt(
          AREA,
          id === undefined ? "CreateMobileDeviceAccessRule" : "UpdateMobileDeviceAccessRule",
          rule.name,
          id === undefined ? "created" : "updated",
          () =>
            id === undefined
              ? api.createMobileDeviceAccessRule({ OrganizationId: orgId, ClientToken: randomUUID(), ...toApi(rule) })
              : api.updateMobileDeviceAccessRule({
                  OrganizationId: orgId,
                  MobileDeviceAccessRuleId: id,
                  ...toApi(rule),
                }),
        ),
      );
    }
    if (!makeRoomFirst) for (const r of unused) await remove(r);
    const overrides = await currentOverrides(api, orgId);
    for (const o of data.overrides) {
      const userId = refs.idOf(o.user);
      const have = overrides.find((c) => c.UserId === userId && c.DeviceId === o.deviceId);
      if (
        have !== undefined &&
        alreadyEqual(have as Record<string, unknown>, { Effect: o.effect, Description: o.description })
      ) {
        steps.push(skipped(AREA, "PutMobileDeviceAccessOverride", `${o.user} ${o.deviceId}`));
        continue;
      }
      steps.push(
        await attempt(
          AREA,
          "PutMobileDeviceAccessOverride",
          `${o.user} ${o.deviceId}`,
          have === undefined ? "created" : "updated",
          () =>
            api.putMobileDeviceAccessOverride({
              OrganizationId: orgId,
              UserId: (userIdsOf(refs, [o.user]) as string[])[0] as string,
              DeviceId: o.deviceId,
              Effect: o.effect,
              ...(o.description === undefined ? {} : { Description: o.description }),
            }),
        ),
      );
    }
    return steps;
  },

  tables(data) {
    return {
      "mobile-rules": data.rules.map((r) => ({
        name: r.name,
        effect: r.effect,
        description: r.description ?? "",
        ...Object.fromEntries(KEYS.map(([k]) => [k, cell(r[k])])),
      })),
      "mobile-overrides": data.overrides.map((o) => ({
        user: o.user,
        deviceId: o.deviceId,
        effect: o.effect,
        description: o.description ?? "",
      })),
    };
  },
};

async function currentOverrides(api: WorkMailApi, orgId: string): Promise<MobileDeviceAccessOverride[]> {
  const all: MobileDeviceAccessOverride[] = [];
  for await (const o of paginate(
    (t) => api.listMobileDeviceAccessOverrides({ OrganizationId: orgId, NextToken: t }),
    "Overrides",
  ))
    all.push(o);
  return all;
}
