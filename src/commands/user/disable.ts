import { defineCommand } from "../../cli/define-command.js";
import { describedUserView } from "./describe.js";
import { userRecordOutput } from "./view.js";

export const userDisableCommand = defineCommand({
  name: "disable",
  summary: "Disable a user (DeregisterFromWorkMail): it can no longer sign in",
  description:
    "The user becomes inaccessible at once; WorkMail deletes the mailbox of a user disabled for more than\n" +
    "30 days. Its addresses stay reserved until it is deleted. Asks for confirmation (--yes skips it).",
  examples: ["wmctl user disable bob", "wmctl user disable bob --yes", "wmctl user disable bob --dry-run"],
  args: [{ name: "user", describe: "name, email address or id" }],
  output: userRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    if (user.state !== "ENABLED") {
      ctx.out.info(`User ${user.name} is already ${user.state ?? "disabled"}`);
      if (!opts.dryRun) ctx.out.record(await describedUserView(api, orgId, user.id));
      return;
    }
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeregisterFromWorkMail", target: user.name, details: { email: user.email } });
      return;
    }
    await ctx.confirm(
      `Disable user ${user.name} (${user.email ?? user.id}): it can no longer sign in, and its mailbox is deleted after 30 days disabled?`,
    );
    await api.deregisterFromWorkMail({ OrganizationId: orgId, EntityId: user.id });
    ctx.out.status(`Disabled ${user.name}`);
    ctx.out.record(await describedUserView(api, orgId, user.id));
  },
});
