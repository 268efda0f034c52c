import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { domainListOutput, domainView } from "./view.js";

export const domainListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the organization's mail domains with their verification statuses",
  examples: ["wmctl domain list", "wmctl domain list --fields domain,ownershipStatus", "wmctl domain list -o json"],
  output: domainListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const { default: pLimit } = await import("p-limit");
    const limit = pLimit(8);
    for await (const page of pages(api, org)) {
      // One GetMailDomain per domain for its statuses, 8 at a time, printed in the listing's order.
      const details = page.map((d) => limit(() => api.getMailDomain({ OrganizationId: org, DomainName: d })));
      for (const [i, name] of page.entries())
        ctx.out.row(domainView(name, await (details[i] as (typeof details)[number]), false));
    }
  },
});

async function* pages(api: WorkMailApi, org: string): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for await (const d of paginate((t) => api.listMailDomains({ OrganizationId: org, NextToken: t }), "MailDomains")) {
    if (d.DomainName !== undefined) batch.push(d.DomainName);
    if (batch.length === 50) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
