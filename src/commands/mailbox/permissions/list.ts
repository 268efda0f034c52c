import { paginate } from "../../../backend/paginate.js";
import { defineCommand } from "../../../cli/define-command.js";
import { permissionOutput } from "../view.js";
import { UsageError } from "../../../errors/cli-error.js";
import { effectivePermissions } from "./effective.js";
import { permissionsOfGrantee } from "./grantee.js";
import { granteeOf, permissionView } from "./shared.js";

export const mailboxPermissionsListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List who may use a mailbox (Full Access, Send As, Send On Behalf), or which mailboxes someone may use",
  description:
    "Lists the permissions granted on a user's, resource's or group's mailbox. With --effective, grants\n" +
    "to groups are expanded to their members, nested groups included, as WorkMail applies them.\n" +
    "With --grantee and no mailbox: every mailbox the user or group may use, granted directly or through\n" +
    "a group it is in (the via column names the group); this reads every mailbox's permissions.",
  examples: [
    "wmctl mailbox permissions list alice",
    "wmctl mailbox permissions list shared@example.com --effective -o json",
    "wmctl mailbox permissions list --grantee bob          # which mailboxes can bob open",
  ],
  args: [
    { name: "mailbox", describe: "a user, resource or group: name, email or id (not with --grantee)", required: false },
  ],
  options: {
    effective: {
      kind: "boolean",
      describe: "Expand group grants to the users they reach (the via column names the groups)",
    },
    grantee: {
      kind: "string",
      placeholder: "user|group",
      describe: "Instead of a mailbox: the mailboxes this user or group may use",
    },
  },
  output: permissionOutput,
  async run(ctx, opts) {
    if ((opts.mailbox === undefined) === (opts.grantee === undefined)) {
      throw new UsageError(
        "name a mailbox, or --grantee to see the mailboxes someone may use",
        "wmctl mailbox permissions list alice | wmctl mailbox permissions list --grantee bob",
      );
    }
    if (opts.grantee !== undefined && opts.effective)
      throw new UsageError("--effective goes with a mailbox; --grantee already follows group memberships");
    const api = await ctx.backend();
    const org = await ctx.org();
    if (opts.grantee !== undefined) {
      const grantee = await ctx.resolve.entity(opts.grantee, ["USER", "GROUP"]);
      ctx.out.useColumns(["mailbox", "permissions", "via"]);
      for await (const row of permissionsOfGrantee(api, org, grantee)) ctx.out.row(row);
      return;
    }
    const mailbox = await ctx.resolve.entity(opts.mailbox as string);
    if (opts.effective) {
      for (const row of await effectivePermissions(ctx, api, org, mailbox)) ctx.out.row(row);
      return;
    }
    for await (const p of paginate(
      (t) => api.listMailboxPermissions({ OrganizationId: org, EntityId: mailbox.id, NextToken: t }),
      "Permissions",
    )) {
      const grantee = await granteeOf(ctx, p.GranteeId as string, p.GranteeType);
      ctx.out.row(permissionView(mailbox, grantee, p.PermissionValues ?? []));
    }
  },
});
