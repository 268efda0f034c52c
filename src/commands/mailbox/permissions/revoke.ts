import { defineCommand } from "../../../cli/define-command.js";
import { permissionOutput, PERMISSIONS } from "../view.js";
import { listPermissions, parsePermissions, permissionView } from "./shared.js";

export const mailboxPermissionsRevokeCommand = defineCommand({
  name: "revoke",
  aliases: ["remove"],
  summary: "Take permissions on a mailbox away from a user or group",
  description: "Without --permission, removes everything the grantee has on the mailbox (DeleteMailboxPermissions).",
  examples: [
    "wmctl mailbox permissions revoke alice bob",
    "wmctl mailbox permissions revoke alice bob --permission send-as",
  ],
  args: [
    { name: "mailbox", describe: "the mailbox: a user, resource or group (name, email or id)" },
    { name: "grantee", describe: "a user or group (name, email or id)" },
  ],
  options: {
    permission: {
      kind: "list",
      short: "p",
      placeholder: "permission",
      describe: `Only these: ${PERMISSIONS.join(", ")}`,
    },
  },
  output: { ...permissionOutput, list: false },
  mutating: true,
  async run(ctx, opts) {
    const only = opts.permission.length ? parsePermissions(opts.permission) : undefined;
    const api = await ctx.backend();
    const org = await ctx.org();
    const mailbox = await ctx.resolve.entity(opts.mailbox);
    const grantee = await ctx.resolve.entity(opts.grantee, ["USER", "GROUP"]);
    const current =
      (await listPermissions(api, org, mailbox.id)).find((p) => p.GranteeId === grantee.id)?.PermissionValues ?? [];
    const remaining = only === undefined ? [] : current.filter((p) => !only.includes(p));
    if (current.length === 0 || remaining.length === current.length) {
      ctx.out.status(
        `${grantee.name} has ${only === undefined ? "no permissions" : `none of ${only.join(", ")}`} on the mailbox of ${mailbox.name}; nothing to revoke`,
      );
      ctx.out.record(permissionView(mailbox, grantee, current));
      return;
    }
    const action = remaining.length === 0 ? "DeleteMailboxPermissions" : "PutMailboxPermissions";
    if (opts.dryRun) {
      ctx.out.plan({
        action,
        target: `${mailbox.name} -> ${grantee.name}`,
        details: { remaining: remaining.join(",") || "none" },
      });
      return;
    }
    if (remaining.length === 0)
      await api.deleteMailboxPermissions({ OrganizationId: org, EntityId: mailbox.id, GranteeId: grantee.id });
    else
      await api.putMailboxPermissions({
        OrganizationId: org,
        EntityId: mailbox.id,
        GranteeId: grantee.id,
        PermissionValues: remaining,
      });
    ctx.out.status(
      remaining.length === 0
        ? `${grantee.name} has no permissions on the mailbox of ${mailbox.name} any more`
        : `${grantee.name} keeps ${remaining.join(", ")} on the mailbox of ${mailbox.name}`,
    );
    ctx.out.record(permissionView(mailbox, grantee, remaining));
  },
});
