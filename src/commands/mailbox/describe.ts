import { defineCommand } from "../../cli/define-command.js";
import { mailboxOutput, mailboxView, QUOTA_WARNING_PERCENT } from "./view.js";

export const mailboxDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a mailbox's quota and size",
  examples: ["wmctl mailbox describe alice", "wmctl mailbox describe meeting-room-1@example.com -o json"],
  args: [{ name: "mailbox", describe: "a user or resource: name, email or id" }],
  output: mailboxOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const owner = await ctx.resolve.entity(opts.mailbox, ["USER", "RESOURCE"]);
    const d = await api.getMailboxDetails({ OrganizationId: await ctx.org(), UserId: owner.id });
    const view = mailboxView(owner, d.MailboxQuota, d.MailboxSize);
    if (view.usedPercent !== undefined && view.usedPercent >= QUOTA_WARNING_PERCENT) {
      ctx.out.warn(
        `${owner.name}'s mailbox is at ${view.usedPercent}% of its ${view.quotaMegabytes} MB quota; raise it with \`wmctl mailbox set-quota ${owner.name} SIZE\``,
      );
    }
    ctx.out.record(view);
  },
});
