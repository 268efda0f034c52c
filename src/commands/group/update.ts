import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, domainOf, qualifyAddress } from "../alias/addresses.js";
import { groupRecordOutput, groupView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const groupUpdateCommand = defineCommand({
  name: "update",
  summary: "Change a group's primary address or its visibility in the global address list",
  description: "The old primary address stays as an alias when --email changes it.",
  examples: [
    "wmctl group update sales --email sales@example.com",
    "wmctl group update auditors --hidden",
    "wmctl group update auditors --no-hidden",
  ],
  args: [{ name: "group", describe: "name, email or id" }],
  options: {
    email: {
      kind: "string",
      placeholder: "address",
      describe:
        "New primary address, or its local part on the current domain (the group must be enabled; the old one stays as an alias)",
    },
    hidden: {
      kind: "boolean",
      negatable: true,
      describe: "Hide the group from the global address list",
      negatedDescribe: "Show the group in the global address list",
    },
  },
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.email === undefined && opts.hidden === undefined)
      throw new UsageError("nothing to update", "pass --email, --hidden or --no-hidden");
    const api = await ctx.backend();
    const org = await ctx.org();
    const g = await ctx.resolve.group(opts.group);
    const email =
      opts.email === undefined
        ? undefined
        : qualifyAddress(opts.email, g.email === undefined ? undefined : domainOf(g.email));
    if (opts.dryRun) {
      if (email !== undefined)
        await validateRequest("UpdatePrimaryEmailAddress", { OrganizationId: org, EntityId: g.id, Email: email });
      if (opts.hidden !== undefined)
        ctx.out.plan({ action: "UpdateGroup", target: g.name, details: { hidden: opts.hidden } });
      if (email !== undefined)
        ctx.out.plan({ action: "UpdatePrimaryEmailAddress", target: g.name, details: { email } });
      return;
    }
    if (opts.hidden !== undefined) {
      await api.updateGroup({ OrganizationId: org, GroupId: g.id, HiddenFromGlobalAddressList: opts.hidden });
      ctx.out.status(`Group ${g.name} is ${opts.hidden ? "hidden from" : "shown in"} the global address list`);
    }
    if (email !== undefined) {
      await withHints(api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: g.id, Email: email }), {
        EntityStateException: `enable the group first: wmctl group enable ${shellQuote(g.name)} --email ${email}`,
        ...addressHints(email, { flag: "--email" }),
      });
      ctx.out.status(`Primary address of group ${g.name} is now ${email}`);
    }
    ctx.out.record(groupView(await api.describeGroup({ OrganizationId: org, GroupId: g.id })));
  },
});
