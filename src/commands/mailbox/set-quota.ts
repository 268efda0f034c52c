import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { mailboxOutput, mailboxView, parseQuotaMb } from "./view.js";

export const mailboxSetQuotaCommand = defineCommand({
  name: "set-quota",
  summary: "Set a mailbox's quota (1 MB to 51,200 MB)",
  description:
    "Sizes are in MB unless a unit is given: 500, 500MB, 2GB. WorkMail warns users at 90 % of their quota;\nthe quota does not change pricing.",
  examples: ["wmctl mailbox set-quota alice 10GB", "wmctl mailbox set-quota alice 51200 --dry-run"],
  args: [
    { name: "mailbox", describe: "a user or resource: name, email or id" },
    { name: "size", describe: "the new quota: 500, 500MB, 2GB (1 MB to 50 GB)" },
  ],
  output: mailboxOutput,
  mutating: true,
  async run(ctx, opts) {
    const mb = parseQuotaMb(opts.size);
    if (mb === undefined || mb < 1)
      throw new UsageError(
        `invalid quota "${opts.size}"`,
        "give a whole number of MB (1 to 51200), or GB: 500, 500MB, 2GB",
      );
    const owner = await ctx.resolve.entity(opts.mailbox, ["USER", "RESOURCE"]);
    if (opts.dryRun) {
      ctx.out.plan({ action: "UpdateMailboxQuota", target: owner.name, details: { mailboxQuotaMb: mb } });
      return;
    }
    const api = await ctx.backend();
    const org = await ctx.org();
    await api.updateMailboxQuota({ OrganizationId: org, UserId: owner.id, MailboxQuota: mb });
    ctx.out.status(`Mailbox quota of ${owner.name} is now ${mb} MB`);
    const d = await api.getMailboxDetails({ OrganizationId: org, UserId: owner.id });
    ctx.out.record(mailboxView(owner, d.MailboxQuota, d.MailboxSize));
  },
});
