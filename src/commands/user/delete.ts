import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
import { userRecordOutput } from "./view.js";

export const userDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete a user for good (an enabled user is disabled first, after confirmation)",
  description:
    "DeleteUser needs a DISABLED user: for an enabled one wmctl runs DeregisterFromWorkMail first. Both\n" +
    "steps are confirmed in one question (--yes skips it). Deleting cannot be undone; WorkMail archives the\n" +
    "mailbox for 30 days. The user's addresses become free.",
  examples: ["wmctl user delete bob", "wmctl user delete bob --yes", "wmctl user delete bob --dry-run"],
  args: [{ name: "user", describe: "name, email address or id" }],
  output: userRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    if (user.state === "DELETED") {
      ctx.out.info(`User ${user.name} is already deleted`);
      return;
    }
    const enabled = user.state === "ENABLED";
    if (opts.dryRun) {
      if (enabled)
        ctx.out.plan({ action: "DeregisterFromWorkMail", target: user.name, details: { email: user.email } });
      ctx.out.plan({ action: "DeleteUser", target: user.name, details: { id: user.id } });
      return;
    }
    await ctx.confirm(
      enabled
        ? `User ${user.name} is enabled (${user.email ?? "no address"}): disable it, then delete it for good (cannot be undone)?`
        : `Delete user ${user.name} (${user.id}) for good (cannot be undone)?`,
    );
    if (enabled) {
      await api.deregisterFromWorkMail({ OrganizationId: orgId, EntityId: user.id });
      ctx.out.status(`Disabled ${user.name}`);
    }
    await withHints(api.deleteUser({ OrganizationId: orgId, UserId: user.id }), {
      EntityStateException: `disable first: wmctl user disable ${user.name}`,
    });
    ctx.out.status(`Deleted user ${user.name}`);
    ctx.out.record({ id: user.id, name: user.name, email: user.email, state: "DELETED" });
  },
});
