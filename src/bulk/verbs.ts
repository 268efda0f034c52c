import type { ResourceType } from "@aws-sdk/client-workmail";
import { passwordProblem } from "../backend/password-policy.js";
import { USER_ATTRIBUTES, type UserAttribute } from "../backend/user-attributes.js";
import type { CommandContext } from "../context/context.js";
import type { PlannedChange } from "../output/output.js";
import { aliasAddCommand } from "../commands/alias/add.js";
import { aliasRemoveCommand } from "../commands/alias/remove.js";
import { groupAddMemberCommand } from "../commands/group/add-member.js";
import { createGroupComposite } from "../commands/group/create-group.js";
import { groupRemoveMemberCommand } from "../commands/group/remove-member.js";
import { mailboxPermissionsGrantCommand } from "../commands/mailbox/permissions/grant.js";
import { mailboxPermissionsRevokeCommand } from "../commands/mailbox/permissions/revoke.js";
import { mailboxSetQuotaCommand } from "../commands/mailbox/set-quota.js";
import { parsePermission, parseQuotaMb, PERMISSIONS } from "../commands/mailbox/view.js";
import { createResourceComposite } from "../commands/resource/create-resource.js";
import { createUserComposite } from "../commands/user/create-user.js";
import { userDeleteCommand } from "../commands/user/delete.js";
import { userDisableCommand } from "../commands/user/disable.js";
import { userEnableCommand } from "../commands/user/enable.js";
import { userResetPasswordCommand } from "../commands/user/reset-password.js";
import { userUpdateCommand } from "../commands/user/update.js";
import type { FieldSpec, Fields } from "./columns.js";
import { offboardUser } from "./offboard.js";
import type { RowOutput } from "./row-context.js";

/** What a row asks for, once its fields are checked. */
interface RowRun {
  readonly dryRun: boolean;
  readonly keepPartial: boolean;
  /** Options of the whole run that some verbs use (offboard's export destination ...). */
  readonly exportMailbox: boolean;
}

export interface BulkVerb {
  readonly name: string;
  readonly summary: string;
  readonly fields: readonly FieldSpec[];
  /** The fields a row must have. */
  readonly required: readonly string[];
  /** The row's key in the report: the name or address it acts on. */
  key(f: Fields): string;
  /** Problems of a row that need no service call (empty: valid). */
  validate(f: Fields): string[];
  /** True when the row will need a generated password (written to --passwords-out). */
  generatesPassword?(f: Fields): boolean;
  /** Runs the row in its own context; returns the action for the report (create, update, skip ...). */
  run(ctx: CommandContext, out: RowOutput, f: Fields, r: RowRun): Promise<string>;
}

const s = (f: Fields, k: string): string | undefined => (typeof f[k] === "string" ? (f[k] as string) : undefined);
const list = (f: Fields, k: string): string[] =>
  Array.isArray(f[k]) ? (f[k] as string[]) : typeof f[k] === "string" ? [f[k] as string] : [];
const bool = (f: Fields, k: string): boolean | undefined => (typeof f[k] === "boolean" ? (f[k] as boolean) : undefined);
const str = (name: string, describe: string): FieldSpec => ({ name, kind: "string", describe });
const lst = (name: string, describe: string): FieldSpec => ({ name, kind: "list", describe });
const flag = (name: string, describe: string): FieldSpec => ({ name, kind: "boolean", describe });

const ATTRIBUTE_FIELDS: FieldSpec[] = USER_ATTRIBUTES.map((a) =>
  str(a, `the user's ${a.replace(/[A-Z]/g, (c) => " " + c.toLowerCase())}`),
);

/** A row's action from what its command said: a change (status or plan lines) or none ("skip"). */
function changed(out: RowOutput, r: RowRun, verb: string): string {
  return (r.dryRun ? out.plans.length : out.statuses.length) > 0 ? verb : "skip";
}

/** A composite create's outcome as the row's action; a dry run's steps become the row's plan. */
function outcomeAction(
  out: RowOutput,
  result: { outcome: string; steps: readonly PlannedChange[] },
  r: RowRun,
): string {
  if (r.dryRun) for (const step of result.steps) out.plan(step);
  return result.outcome === "created" ? "create" : result.outcome === "updated" ? "update" : "skip";
}

function userName(f: Fields): string | undefined {
  const name = s(f, "name");
  if (name !== undefined) return name;
  const email = s(f, "email");
  return email?.includes("@") ? email.slice(0, email.indexOf("@")) : undefined;
}

const ROLES = ["USER", "REMOTE_USER"] as const;
const ENABLED_STATES = new Set(["enabled", "active"]);
const DISABLED_STATES = new Set(["disabled", "suspended", "blocked", "inactive"]);

function quotaProblem(text: string | undefined): string[] {
  if (text === undefined) return [];
  const mb = parseQuotaMb(text);
  return mb === undefined || mb < 1 || mb > 51200
    ? [`quota "${text}" is not a size from 1 MB to 50 GB (500, 500MB, 2GB)`]
    : [];
}

function disabledWanted(f: Fields): boolean {
  const state = s(f, "state")?.toLowerCase();
  return bool(f, "blocked") === true || (state !== undefined && DISABLED_STATES.has(state));
}

const create: BulkVerb = {
  name: "create",
  summary: "Create users (CreateUser, enable, attributes, aliases, groups, quota); existing ones get what they lack",
  fields: [
    str("name", "user name (default: the local part of email)"),
    str("email", "primary address (default: <name>@<default domain>)"),
    str("displayName", "display name"),
    ...ATTRIBUTE_FIELDS,
    str("role", "USER or REMOTE_USER"),
    flag("hidden", "hidden from the global address list"),
    lst("aliases", "more addresses (; separated)"),
    lst("groups", "groups to join (; separated)"),
    str("password", "the password (default: generated, written to --passwords-out)"),
    str("quota", "mailbox quota: 500, 500MB, 2GB"),
    str("state", "DISABLED (or suspended) creates the user disabled"),
    flag("blocked", "true creates the user disabled (Microsoft 365's Block credential)"),
  ],
  required: [],
  key: (f) => userName(f) ?? "",
  validate(f) {
    const p: string[] = [];
    if (userName(f) === undefined) p.push("no name (and no email to take it from)");
    const role = s(f, "role")?.toUpperCase();
    if (role !== undefined && !(ROLES as readonly string[]).includes(role))
      p.push(`role "${s(f, "role") ?? ""}" is not USER or REMOTE_USER`);
    const state = s(f, "state")?.toLowerCase();
    if (state !== undefined && !ENABLED_STATES.has(state) && !DISABLED_STATES.has(state) && state !== "deleted")
      p.push(`state "${s(f, "state") ?? ""}" is not ENABLED or DISABLED`);
    const pw = s(f, "password");
    const problem = pw === undefined ? undefined : passwordProblem(pw);
    if (problem !== undefined) p.push(`password: ${problem}`);
    p.push(...quotaProblem(s(f, "quota")));
    if (disabledWanted(f) && list(f, "aliases").length > 0)
      p.push("aliases need an enabled user, but the row is disabled");
    return p;
  },
  generatesPassword: (f) => s(f, "password") === undefined && (s(f, "role")?.toUpperCase() ?? "USER") === "USER",
  async run(ctx, out, f, r) {
    if (s(f, "state")?.toLowerCase() === "deleted") {
      out.info("state DELETED: not created");
      return "skip";
    }
    const attributes: Partial<Record<UserAttribute, string>> = {};
    for (const a of USER_ATTRIBUTES) {
      const v = s(f, a);
      if (v !== undefined) attributes[a] = v;
    }
    const disabled = disabledWanted(f);
    const quota = s(f, "quota");
    const password = s(f, "password");
    const result = await createUserComposite(ctx, {
      name: userName(f) as string,
      email: disabled ? undefined : s(f, "email"),
      displayName: s(f, "displayName"),
      role: s(f, "role")?.toUpperCase() as "USER" | "REMOTE_USER" | undefined,
      hidden: bool(f, "hidden") === true,
      aliases: list(f, "aliases"),
      groups: list(f, "groups"),
      disabled,
      attributes,
      quotaMb: quota === undefined ? undefined : parseQuotaMb(quota),
      passwordGiven: password !== undefined,
      passwordAvailable: true,
      password: () => ctx.password({}),
      keepPartial: r.keepPartial,
      dryRun: r.dryRun,
    });
    return outcomeAction(out, result, r);
  },
};

const userKey = str("user", "the user: name, email or id");

const update: BulkVerb = {
  name: "update",
  summary: "Change users' details, role, visibility or primary address (only the columns given)",
  fields: [
    userKey,
    str("displayName", "display name"),
    ...ATTRIBUTE_FIELDS,
    str("role", "USER or REMOTE_USER"),
    flag("hidden", "hidden from the global address list"),
    str("email", "new primary address"),
  ],
  required: ["user"],
  key: (f) => s(f, "user") ?? "",
  validate(f) {
    const p: string[] = [];
    const role = s(f, "role")?.toUpperCase();
    if (role !== undefined && !(ROLES as readonly string[]).includes(role))
      p.push(`role "${s(f, "role") ?? ""}" is not USER or REMOTE_USER`);
    if (!Object.keys(f).some((k) => k !== "user")) p.push("nothing to update: the row has only the user");
    return p;
  },
  async run(ctx, out, f, r) {
    const attrs = Object.fromEntries(USER_ATTRIBUTES.map((a) => [a, s(f, a)]));
    const hidden = bool(f, "hidden");
    // The primary address column of an inventory is the address the user has: only a different one is a change.
    await userUpdateCommand.run(ctx, {
      user: s(f, "user") as string,
      displayName: s(f, "displayName"),
      ...attrs,
      role: s(f, "role")?.toUpperCase() as "USER" | "REMOTE_USER" | undefined,
      hidden: hidden === true,
      visible: hidden === false,
      email: s(f, "user") === s(f, "email") ? undefined : s(f, "email"),
      dryRun: r.dryRun,
    });
    return changed(out, r, "update");
  },
};

function userVerb(
  name: string,
  summary: string,
  run: (ctx: CommandContext, user: string, f: Fields, r: RowRun) => Promise<void>,
  extra: FieldSpec[] = [],
): BulkVerb {
  return {
    name,
    summary,
    fields: [userKey, ...extra],
    required: ["user"],
    key: (f) => s(f, "user") ?? "",
    validate: () => [],
    async run(ctx, out, f, r) {
      await run(ctx, s(f, "user") as string, f, r);
      return changed(out, r, name);
    },
  };
}

const enable = userVerb(
  "enable",
  "Enable users (RegisterToWorkMail), with the email column or their last address",
  (ctx, user, f, r) => userEnableCommand.run(ctx, { user, email: s(f, "email"), dryRun: r.dryRun }),
  [str("email", "the address to enable with")],
);
const disable = userVerb("disable", "Disable users (DeregisterFromWorkMail)", (ctx, user, _f, r) =>
  userDisableCommand.run(ctx, { user, dryRun: r.dryRun }),
);
const del = userVerb(
  "delete",
  "Delete users for good (an enabled one is disabled first); needs --yes",
  (ctx, user, _f, r) => userDeleteCommand.run(ctx, { user, dryRun: r.dryRun }),
);

const resetPassword: BulkVerb = {
  ...userVerb(
    "reset-password",
    "Set new passwords: the password column, or generated ones written to --passwords-out (0600)",
    async (ctx, user, f, r) => {
      await userResetPasswordCommand.run(ctx, {
        user,
        passwordStdin: false,
        generatePassword: s(f, "password") === undefined,
        dryRun: r.dryRun,
      });
    },
    [str("password", "the new password (default: generated)")],
  ),
  validate(f) {
    const pw = s(f, "password");
    const problem = pw === undefined ? undefined : passwordProblem(pw);
    return problem === undefined ? [] : [`password: ${problem}`];
  },
  generatesPassword: (f) => s(f, "password") === undefined,
};

/** A verb whose row names one entity and a list of others: group members, aliases. */
function listVerb(
  name: string,
  summary: string,
  target: FieldSpec,
  items: FieldSpec,
  run: (ctx: CommandContext, target: string, items: string[], dryRun: boolean) => Promise<void>,
): BulkVerb {
  return {
    name,
    summary,
    fields: [target, items],
    required: [target.name, items.name],
    key: (f) => `${s(f, target.name) ?? ""} ${list(f, items.name).join(";")}`,
    validate: () => [],
    async run(ctx, out, f, r) {
      await run(ctx, s(f, target.name) as string, list(f, items.name), r.dryRun);
      return changed(out, r, name);
    },
  };
}

const groupField = str("group", "the group: name, email or id");
const membersField = lst("member", "users or groups (; separated)");
const entityField = str("entity", "user, group or resource: name, email or id");
const aliasField = lst("alias", "addresses or local parts (; separated)");

const createGroup: BulkVerb = {
  name: "create-group",
  summary: "Create groups, enable them and add members; existing ones get what they lack",
  fields: [
    str("name", "group name"),
    str("email", "primary address (default: <name>@<default domain>)"),
    lst("members", "members (; separated)"),
    flag("hidden", "hidden from the global address list"),
    flag("enable", "false: create without an address"),
  ],
  required: ["name"],
  key: (f) => s(f, "name") ?? "",
  validate: () => [],
  async run(ctx, out, f, r) {
    const result = await createGroupComposite(ctx, {
      name: s(f, "name") as string,
      email: s(f, "email"),
      enable: bool(f, "enable") !== false,
      members: list(f, "members"),
      hidden: bool(f, "hidden") === true,
      keepPartial: r.keepPartial,
      dryRun: r.dryRun,
    });
    return outcomeAction(out, result, r);
  },
};

const RESOURCE_TYPES = new Set(["ROOM", "EQUIPMENT"]);

const createResource: BulkVerb = {
  name: "create-resource",
  summary: "Create rooms and equipment, enable them, set delegates and booking options",
  fields: [
    str("name", "resource name"),
    str("type", "ROOM or EQUIPMENT"),
    str("email", "primary address"),
    str("description", "what it is"),
    lst("delegates", "delegates (; separated)"),
    flag("hidden", "hidden from the global address list"),
    flag("autoAcceptRequests", "accept booking requests automatically"),
    flag("autoDeclineRecurringRequests", "decline recurring requests"),
    flag("autoDeclineConflictingRequests", "decline conflicting requests"),
  ],
  required: ["name", "type"],
  key: (f) => s(f, "name") ?? "",
  validate: (f) =>
    RESOURCE_TYPES.has(s(f, "type")?.toUpperCase() ?? "")
      ? []
      : [`type "${s(f, "type") ?? ""}" is not ROOM or EQUIPMENT`],
  async run(ctx, out, f, r) {
    const result = await createResourceComposite(ctx, {
      name: s(f, "name") as string,
      type: (s(f, "type") as string).toUpperCase() as ResourceType,
      email: s(f, "email"),
      description: s(f, "description"),
      enable: true,
      hidden: bool(f, "hidden") === true,
      delegates: list(f, "delegates"),
      autoAccept: bool(f, "autoAcceptRequests"),
      declineRecurring: bool(f, "autoDeclineRecurringRequests"),
      declineConflicting: bool(f, "autoDeclineConflictingRequests"),
      keepPartial: r.keepPartial,
      dryRun: r.dryRun,
    });
    return outcomeAction(out, result, r);
  },
};

function permissionProblems(f: Fields): string[] {
  return list(f, "permissions")
    .filter((p) => parsePermission(p) === undefined)
    .map((p) => `permission "${p}" is not one of ${PERMISSIONS.join(", ")}`);
}

const grant: BulkVerb = {
  name: "grant",
  summary: "Grant mailbox permissions (added to what the grantee has)",
  fields: [
    str("mailbox", "the mailbox: user, resource or group"),
    str("grantee", "user or group"),
    lst("permissions", `${PERMISSIONS.join(", ")} (; separated)`),
  ],
  required: ["mailbox", "grantee", "permissions"],
  key: (f) => `${s(f, "mailbox") ?? ""} -> ${s(f, "grantee") ?? ""}`,
  validate: permissionProblems,
  async run(ctx, out, f, r) {
    await mailboxPermissionsGrantCommand.run(ctx, {
      mailbox: s(f, "mailbox") as string,
      grantee: s(f, "grantee") as string,
      permission: list(f, "permissions"),
      replace: false,
      dryRun: r.dryRun,
    });
    return changed(out, r, "grant");
  },
};

const revoke: BulkVerb = {
  ...grant,
  name: "revoke",
  summary: "Revoke mailbox permissions (all of the grantee's, or the permissions column's)",
  required: ["mailbox", "grantee"],
  async run(ctx, out, f, r) {
    await mailboxPermissionsRevokeCommand.run(ctx, {
      mailbox: s(f, "mailbox") as string,
      grantee: s(f, "grantee") as string,
      permission: list(f, "permissions"),
      dryRun: r.dryRun,
    });
    return changed(out, r, "revoke");
  },
};

const setQuota: BulkVerb = {
  name: "set-quota",
  summary: "Set mailbox quotas (1 MB to 50 GB)",
  fields: [str("mailbox", "user or resource: name, email or id"), str("quota", "500, 500MB, 2GB")],
  required: ["mailbox", "quota"],
  key: (f) => s(f, "mailbox") ?? "",
  validate: (f) => quotaProblem(s(f, "quota")),
  async run(ctx, out, f, r) {
    await mailboxSetQuotaCommand.run(ctx, {
      mailbox: s(f, "mailbox") as string,
      size: s(f, "quota") as string,
      dryRun: r.dryRun,
    });
    return changed(out, r, "set-quota");
  },
};

const offboard: BulkVerb = {
  name: "offboard",
  summary:
    "Offboard users: export the mailbox first (--export), hand their mailbox permissions to a manager, leave groups, disable",
  fields: [
    userKey,
    str("manager", "who gets the user's permissions on other mailboxes"),
    flag("export", "export the mailbox first (or --export for every row)"),
  ],
  required: ["user"],
  key: (f) => s(f, "user") ?? "",
  validate: () => [],
  async run(ctx, out, f, r) {
    await offboardUser(ctx, {
      user: s(f, "user") as string,
      manager: s(f, "manager"),
      exportMailbox: bool(f, "export") ?? r.exportMailbox,
      dryRun: r.dryRun,
    });
    return changed(out, r, "offboard");
  },
};

/** The verbs of `wmctl bulk`, in help order. */
export const BULK_VERBS: readonly BulkVerb[] = [
  create,
  update,
  enable,
  disable,
  del,
  resetPassword,
  listVerb("add-member", "Add members to groups", groupField, membersField, (ctx, group, members, dryRun) =>
    groupAddMemberCommand.run(ctx, { group, members, dryRun }),
  ),
  listVerb("remove-member", "Remove members from groups", groupField, membersField, (ctx, group, members, dryRun) =>
    groupRemoveMemberCommand.run(ctx, { group, members, dryRun }),
  ),
  createGroup,
  createResource,
  listVerb(
    "add-alias",
    "Add aliases to users, groups or resources",
    entityField,
    aliasField,
    (ctx, entity, aliases, dryRun) => aliasAddCommand.run(ctx, { entity, aliases, dryRun }),
  ),
  listVerb("remove-alias", "Remove aliases", entityField, aliasField, (ctx, entity, aliases, dryRun) =>
    aliasRemoveCommand.run(ctx, { entity, aliases, dryRun }),
  ),
  grant,
  revoke,
  setQuota,
  offboard,
];
