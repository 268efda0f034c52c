import type { ListResourcesFilters } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { RESOURCE_TYPES, resourceListOutput, resourceSummaryView } from "./view.js";

export const resourceListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List resources (rooms and equipment)",
  description:
    "Prefixes are case-sensitive, as in the console. The service takes one filter per request:\n" +
    "wmctl sends the first of --prefix, --email-prefix, --state and applies the others itself.",
  examples: ["wmctl resource list", "wmctl resource list --type room --state ENABLED", "wmctl resource list --prefix conf -o json"],
  options: {
    prefix: { kind: "string", describe: "Only resources whose name starts with this" },
    emailPrefix: { kind: "string", placeholder: "prefix", describe: "Only resources whose primary address starts with this" },
    state: { kind: "enum", choices: ["ENABLED", "DISABLED", "DELETED"], describe: "Only resources in this state" },
    type: { kind: "enum", choices: RESOURCE_TYPES, describe: "Only rooms or only equipment" },
  },
  output: resourceListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const filter: ListResourcesFilters | undefined =
      opts.prefix !== undefined ? { NamePrefix: opts.prefix }
      : opts.emailPrefix !== undefined ? { PrimaryEmailPrefix: opts.emailPrefix }
      : opts.state !== undefined ? { State: opts.state }
      : undefined;
    const type = opts.type?.toUpperCase();
    const all = paginate((t) => api.listResources({ OrganizationId: org, ...(filter ? { Filters: filter } : {}), ...(t ? { NextToken: t } : {}) }), "Resources");
    for await (const r of all) {
      if (opts.prefix !== undefined && !(r.Name ?? "").startsWith(opts.prefix)) continue;
      if (opts.emailPrefix !== undefined && !(r.Email ?? "").startsWith(opts.emailPrefix)) continue;
      if (opts.state !== undefined && r.State !== opts.state) continue;
      if (type !== undefined && r.Type !== type) continue;
      ctx.out.row(resourceSummaryView(r));
    }
  },
});
