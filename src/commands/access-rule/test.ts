import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { parseIpv4 } from "../../net/ipv4.js";
import { resolveRole } from "../impersonation-role/resolve.js";
import { parseProtocol, PROTOCOLS } from "./conditions.js";

export const accessRuleTestCommand = defineCommand({
  name: "test",
  summary: "Show what the access control rules decide for a request (GetAccessControlEffect)",
  description:
    "Give the protocol, the source address and who performs the request: a user (--user) or an\n" +
    "impersonation role (--role, EWS only). Prints ALLOW or DENY and the rules that decided it; the\n" +
    `result is what mailboxes will enforce within five minutes of a change. Protocols: ${PROTOCOLS.join(", ")}.`,
  examples: [
    "wmctl access-rule test --protocol imap --ip 203.0.113.5 --user bob@example.com",
    "wmctl access-rule test --protocol ews --ip 10.1.2.3 --role svc-archiver --fields effect",
  ],
  options: {
    protocol: { kind: "string", required: true, placeholder: "protocol", describe: "The request's protocol" },
    ip: { kind: "string", required: true, placeholder: "address", describe: "The request's source IPv4 address" },
    user: { kind: "string", placeholder: "user", describe: "The user making the request (name or email)" },
    role: { kind: "string", placeholder: "role", describe: "The impersonation role making the request (name or id)" },
  },
  output: {
    fields: ["effect", "matchedRules", "protocol", "ip", "user", "role"],
    columns: ["effect", "matchedRules", "protocol", "ip", "user", "role"],
  },
  async run(ctx, opts) {
    const protocol = parseProtocol(opts.protocol, "--protocol");
    const ip = parseIpv4(opts.ip.trim());
    if (!ip.ok) throw new UsageError(`--ip: ${ip.reason}`);
    if ((opts.user === undefined) === (opts.role === undefined)) {
      throw new UsageError(
        "give exactly one of --user and --role",
        "a request is performed by a user or by an impersonation role",
      );
    }
    if (opts.role !== undefined && protocol !== "EWS")
      throw new UsageError("--role can only be tested with --protocol EWS (impersonation uses EWS only)");
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = opts.user === undefined ? undefined : await ctx.resolve.user(opts.user);
    const role = opts.role === undefined ? undefined : await resolveRole(api, org, opts.role);
    const res = await api.getAccessControlEffect({
      OrganizationId: org,
      Action: protocol,
      IpAddress: opts.ip.trim(),
      ...(user === undefined ? {} : { UserId: user.id }),
      ...(role === undefined ? {} : { ImpersonationRoleId: role.id }),
    });
    ctx.out.record({
      effect: res.Effect,
      matchedRules: res.MatchedRules ?? [],
      protocol,
      ip: opts.ip.trim(),
      user: user === undefined ? undefined : (user.email ?? user.name),
      role: role?.name,
    });
  },
});
