import { defineCommand } from "../../cli/define-command.js";
import { userIds } from "../../context/entity-labels.js";
import { findRole, listRoles } from "../impersonation-role/resolve.js";
import { parseProtocols, parseRanges, PROTOCOLS } from "./conditions.js";
import { accessRuleConditions, accessRuleRecordOutput, accessRuleView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const accessRulePutCommand = defineCommand({
  name: "put",
  aliases: ["set"],
  summary: "Create an access control rule, or replace the rule of that name",
  description:
    "PutAccessControlRule replaces a rule of the same name as a whole: give every condition the rule\n" +
    "should keep. A rule applies when all of its conditions match; one without conditions applies to\n" +
    "every request. --user/--role take names or emails; --ip takes IPv4 CIDR ranges (a.b.c.d/32 for one\n" +
    `address). Protocols: ${PROTOCOLS.join(", ")} (any case; also eas, outlook, web).\n` +
    "An organization has at most 10 rules.",
  examples: [
    "wmctl access-rule put corp-only --effect deny --not-ip 10.0.0.0/8 --not-protocol ActiveSync --description 'Outside: ActiveSync only'",
    "wmctl access-rule put no-imap-for-bob --effect deny --protocol imap --user bob@example.com",
    "wmctl access-rule put eas-via-mdm --effect deny --protocol eas --not-ip 198.51.100.0/24 --dry-run",
  ],
  args: [{ name: "name", describe: "rule name: letters, digits, - and _" }],
  options: {
    effect: {
      kind: "enum",
      choices: ["ALLOW", "DENY"],
      required: true,
      describe: "What the rule does when it matches",
    },
    description: { kind: "string", describe: "Description (default: the rule name)" },
    protocol: { kind: "list", placeholder: "protocol", describe: "Only requests over these protocols" },
    notProtocol: { kind: "list", placeholder: "protocol", describe: "Only requests over other protocols" },
    ip: { kind: "list", placeholder: "cidr", describe: "Only requests from these IPv4 ranges" },
    notIp: { kind: "list", placeholder: "cidr", describe: "Only requests from outside these ranges" },
    user: { kind: "list", placeholder: "user", describe: "Only requests by these users (name or email)" },
    notUser: { kind: "list", placeholder: "user", describe: "Not requests by these users" },
    role: { kind: "list", placeholder: "role", describe: "Only requests by these impersonation roles (name or id)" },
    notRole: { kind: "list", placeholder: "role", describe: "Not requests by these impersonation roles" },
  },
  output: accessRuleRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const warn = (m: string) => ctx.out.warn(m);
    const actions = parseProtocols(opts.protocol, "--protocol");
    const notActions = parseProtocols(opts.notProtocol, "--not-protocol");
    const ipRanges = parseRanges(opts.ip, "--ip", warn);
    const notIpRanges = parseRanges(opts.notIp, "--not-ip", warn);
    const api = await ctx.backend();
    const org = await ctx.org();
    const roles = opts.role.length + opts.notRole.length > 0 ? await listRoles(api, org) : [];
    const roleIds = (refs: string[]) =>
      refs.length === 0 ? undefined : refs.map((ref) => findRole(roles, ref, org).id);
    const roleNames = new Map(roles.map((r) => [r.id, r.name]));
    const input = {
      OrganizationId: org,
      Name: opts.name,
      Effect: opts.effect,
      Description: opts.description ?? opts.name,
      Actions: actions,
      NotActions: notActions,
      IpRanges: ipRanges,
      NotIpRanges: notIpRanges,
      UserIds: await userIds(ctx.resolve, opts.user),
      NotUserIds: await userIds(ctx.resolve, opts.notUser),
      ImpersonationRoleIds: roleIds(opts.role),
      NotImpersonationRoleIds: roleIds(opts.notRole),
    };
    const existing = (await api.listAccessControlRules({ OrganizationId: org })).Rules?.find(
      (r) => r.Name === opts.name,
    );
    if (opts.dryRun) {
      await validateRequest("PutAccessControlRule", input);
      ctx.out.plan({
        action: "PutAccessControlRule",
        target: opts.name,
        details: {
          replaces: existing !== undefined,
          effect: opts.effect,
          ...(await accessRuleConditions(ctx, input, roleNames)),
        },
      });
      return;
    }
    await api.putAccessControlRule(input);
    ctx.out.status(`${existing === undefined ? "Created" : "Replaced"} access control rule ${opts.name}`);
    const saved = (await api.listAccessControlRules({ OrganizationId: org })).Rules?.find((r) => r.Name === opts.name);
    if (saved !== undefined) ctx.out.record(await accessRuleView(ctx, saved, roleNames));
  },
});
