import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";

export const accessRuleDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete an access control rule",
  description: "Deleting the last rule blocks all access to the organization's mailboxes (no rule matches: deny).",
  examples: [
    "wmctl access-rule delete no-imap-for-bob",
    "wmctl access-rule delete default --yes",
    "wmctl access-rule delete corp-only --dry-run",
  ],
  args: [{ name: "name", describe: "rule name" }],
  output: { fields: ["name", "deleted", "rulesLeft"], columns: ["name", "deleted", "rulesLeft"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const rules = (await api.listAccessControlRules({ OrganizationId: org })).Rules ?? [];
    if (!rules.some((r) => r.Name === opts.name)) {
      throw new NotFoundError(
        `no access control rule "${opts.name}" in organization ${org}`,
        "see `wmctl access-rule list`",
      );
    }
    const last = rules.length === 1;
    if (opts.dryRun) {
      ctx.out.plan({
        action: "DeleteAccessControlRule",
        target: opts.name,
        details: { rulesLeft: rules.length - 1, blocksAllAccess: last },
      });
      return;
    }
    await ctx.confirm(
      last
        ? `Delete ${opts.name}, the last access control rule? With no rules, all access to the organization's mailboxes is blocked.`
        : `Delete access control rule ${opts.name}?`,
    );
    await api.deleteAccessControlRule({ OrganizationId: org, Name: opts.name });
    ctx.out.status(`Deleted access control rule ${opts.name}`);
    if (last) ctx.out.warn("no access control rules are left: all access to this organization's mailboxes is blocked");
    ctx.out.record({ name: opts.name, deleted: true, rulesLeft: rules.length - 1 });
  },
});
