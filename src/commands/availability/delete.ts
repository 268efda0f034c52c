import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { findAvailability } from "./view.js";

export const availabilityDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Remove a domain's availability provider",
  examples: ["wmctl availability delete corp.example.com --yes"],
  args: [{ name: "domain", describe: "the external domain" }],
  output: { fields: ["domain", "deleted"], columns: ["domain", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const domain = opts.domain.toLowerCase();
    if ((await findAvailability(api, org, domain)) === undefined)
      throw new NotFoundError(`no availability provider for ${domain}`, "see `wmctl availability list`");
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteAvailabilityConfiguration", target: domain });
      return;
    }
    await ctx.confirm(
      `Remove the availability provider for ${domain}? WorkMail users will no longer see free/busy of its users.`,
    );
    await api.deleteAvailabilityConfiguration({ OrganizationId: org, DomainName: domain });
    ctx.out.status(`Removed the availability provider for ${domain}`);
    ctx.out.record({ domain, deleted: true });
  },
});
