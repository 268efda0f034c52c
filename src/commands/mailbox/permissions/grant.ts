import { defineCommand } from "../../../cli/define-command.js";
import { permissionOutput, PERMISSIONS } from "../view.js";
import { listPermissions, parsePermissions, permissionView } from "./shared.js";

export const mailboxPermissionsGrantCommand = defineCommand({
  name: "grant",
  aliases: ["add"],
  summary: "Grant a user or group permissions on a mailbox",
  description:
    "Adds to what the grantee already has (--replace sets exactly the permissions given). Groups can get\n" +
    "Send As and Send On Behalf, never Full Access; a grant to a group reaches its members, nested groups\n" +
    "included. Changes can take up to five minutes to reach mail clients.",
  examples: [
    "wmctl mailbox permissions grant alice bob --permission full-access",
    "wmctl mailbox permissions grant support@example.com sales-team --permission send-as,send-on-behalf",
  ],
  args: [
    { name: "mailbox", describe: "the mailbox: a user, resource or group (name, email or id)" },
    { name: "grantee", describe: "who gets the permissions: a user or group (name, email or id)" },
  ],
  options: {
    permission: {
      kind: "list",
      required: true,
      short: "p",
      placeholder: "permission",
      describe: `${PERMISSIONS.join(", ")} (repeatable, comma-separated)`,
    },
    replace: { kind: "boolean", describe: "Set exactly these permissions instead of adding to the current ones" },
  },
  output: { ...permissionOutput, list: false },
  mutating: true,
  async run(ctx, opts) {
    const values = parsePermissions(opts.permission);
    const api = await ctx.backend();
    const org = await ctx.org();
    const mailbox = await ctx.resolve.entity(opts.mailbox);
    const grantee = await ctx.resolve.entity(opts.grantee, ["USER", "GROUP"]);
    const current = opts.replace
      ? []
      : ((await listPermissions(api, org, mailbox.id)).find((p) => p.GranteeId === grantee.id)?.PermissionValues ?? []);
    const next = PERMISSIONS.filter((p) => values.includes(p) || current.includes(p));
    if (opts.dryRun) {
      ctx.out.plan({
        action: "PutMailboxPermissions",
        target: `${mailbox.name} -> ${grantee.name}`,
        details: { permissions: next.join(",") },
      });
      return;
    }
    await api.putMailboxPermissions({
      OrganizationId: org,
      EntityId: mailbox.id,
      GranteeId: grantee.id,
      PermissionValues: next,
    });
    ctx.out.status(`${grantee.name} has ${next.join(", ")} on the mailbox of ${mailbox.name}`);
    ctx.out.record(permissionView(mailbox, grantee, next));
  },
});
