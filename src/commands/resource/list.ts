import type { ListResourcesFilters } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { mapOrdered } from "../../backend/map-ordered.js";
import { filterItems, paginate } from "../../backend/paginate.js";
import { describedResourceView } from "./describe.js";
import { RESOURCE_DETAIL_FIELDS, RESOURCE_TYPES, resourceListOutput, resourceSummaryView } from "./view.js";

export const resourceListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List resources (rooms and equipment)",
  description:
    "Prefixes are case-sensitive, as in the console. The service takes one filter per request:\n" +
    "wmctl sends the first of --prefix, --email-prefix, --state and applies the others itself.",
  examples: [
    "wmctl resource list",
    "wmctl resource list --type room --state ENABLED",
    "wmctl resource list --prefix conf -o json",
  ],
  options: {
    prefix: { kind: "string", describe: "Only resources whose name starts with this" },
    emailPrefix: {
      kind: "string",
      placeholder: "prefix",
      describe: "Only resources whose primary address starts with this",
    },
    state: { kind: "enum", choices: ["ENABLED", "DISABLED", "DELETED"], describe: "Only resources in this state" },
    type: { kind: "enum", choices: RESOURCE_TYPES, describe: "Only rooms or only equipment" },
  },
  output: resourceListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const filter: ListResourcesFilters | undefined =
      opts.prefix !== undefined
        ? { NamePrefix: opts.prefix }
        : opts.emailPrefix !== undefined
          ? { PrimaryEmailPrefix: opts.emailPrefix }
          : opts.state !== undefined
            ? { State: opts.state }
            : undefined;
    const type = opts.type?.toUpperCase();
    const all = paginate(
      (t) =>
        api.listResources({
          OrganizationId: org,
          ...(filter ? { Filters: filter } : {}),
          ...(t ? { NextToken: t } : {}),
        }),
      "Resources",
    );
    const kept = filterItems(
      all,
      (r) =>
        (opts.prefix === undefined || (r.Name ?? "").startsWith(opts.prefix)) &&
        (opts.emailPrefix === undefined || (r.Email ?? "").startsWith(opts.emailPrefix)) &&
        (opts.state === undefined || r.State === opts.state) &&
        (type === undefined || r.Type === type),
    );
    if (!ctx.out.wants(RESOURCE_DETAIL_FIELDS)) {
      for await (const r of kept) ctx.out.row(resourceSummaryView(r));
      return;
    }
    // Booking options, visibility and delegates are not in the listing: DescribeResource per resource.
    const delegates = ctx.out.wants(["delegates"]);
    for await (const view of mapOrdered(kept, (r) => describedResourceView(api, org, r.Id as string, { delegates })))
      ctx.out.row(view);
  },
});
