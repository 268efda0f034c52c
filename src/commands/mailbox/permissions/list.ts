import { paginate } from "../../../backend/paginate.js";
import { defineCommand } from "../../../cli/define-command.js";
import { permissionOutput } from "../view.js";
import { effectivePermissions } from "./effective.js";
import { granteeOf, permissionView } from "./shared.js";

export const mailboxPermissionsListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List who may use a mailbox (Full Access, Send As, Send On Behalf)",
  description:
    "Lists the permissions granted on a user's, resource's or group's mailbox. With --effective, grants\n" +
    "to groups are expanded to their members, nested groups included, as WorkMail applies them.",
  examples: ["wmctl mailbox permissions list alice", "wmctl mailbox permissions list shared@example.com --effective -o json"],
  args: [{ name: "mailbox", describe: "a user, resource or group: name, email or id" }],
  options: {
    effective: { kind: "boolean", describe: "Expand group grants to the users they reach (the via column names the groups)" },
  },
  output: permissionOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const mailbox = await ctx.resolve.entity(opts.mailbox);
    if (opts.effective) {
      for (const row of await effectivePermissions(ctx, api, org, mailbox)) ctx.out.row(row);
      return;
    }
    for await (const p of paginate((t) => api.listMailboxPermissions({ OrganizationId: org, EntityId: mailbox.id, NextToken: t }), "Permissions")) {
      const grantee = await granteeOf(ctx, p.GranteeId as string, p.GranteeType);
      ctx.out.row(permissionView(mailbox, grantee, p.PermissionValues ?? []));
    }
  },
});
