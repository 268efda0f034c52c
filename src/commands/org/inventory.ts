import { defineCommand } from "../../cli/define-command.js";
import { CliError, UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";
import { concurrencyOption } from "./inventory-options.js";

/** The tables every inventory can hold (policy areas add theirs), and the areas each is made of. */
const CORE_TABLES: Readonly<Record<string, readonly string[]>> = {
  organization: ["organization"],
  domains: ["domains"],
  "domain-records": ["domains"],
  users: ["users"],
  groups: ["groups"],
  "group-members": ["groups"],
  resources: ["resources"],
  "resource-delegates": ["resources"],
  aliases: ["users", "groups", "resources"],
  mailboxes: ["mailboxes"],
  "mailbox-permissions": ["mailbox-permissions"],
};
const CORE_TABLE_NAMES = Object.keys(CORE_TABLES);

/** The policy areas' tables (src/inventory/areas/), and the area each comes from: `--table` is checked before anything is read. */
const POLICY_TABLES: Readonly<Record<string, string>> = {
  "impersonation-roles": "impersonation-roles",
  "access-rules": "access-rules",
  "mobile-rules": "mobile-access",
  "mobile-overrides": "mobile-access",
  retention: "retention",
  "org-settings": "org-settings",
  availability: "availability",
  "identity-provider": "identity-provider",
  tags: "tags",
};
const TABLE_NAMES = [...CORE_TABLE_NAMES, ...Object.keys(POLICY_TABLES)];

const summaryOutput: OutputSpec = {
  fields: ["area", "status", "items", "note"],
  columns: ["area", "status", "items", "note"],
  list: true,
};

export const orgInventoryCommand = defineCommand({
  name: "inventory",
  summary: "Write the whole configuration of an organization as JSON and CSV (the exit kit)",
  description:
    "Collects every area of the organization — settings, domains with their records and statuses,\n" +
    "users (attributes, aliases), groups (nested members), resources (booking options, delegates),\n" +
    "mailbox quotas and permissions, and each rule and policy area the backend implements — by\n" +
    "names and email addresses, so that `wmctl org restore` can re-create it elsewhere; the source's ids are\n" +
    "kept apart in source.ids, for reference only (restore ignores them).\n" +
    "No secrets: the API returns no passwords and availability credentials are write-only.\n" +
    "\n" +
    "--out DIR writes DIR/inventory.json (the document restore reads) and one CSV per table\n" +
    "(users.csv, groups.csv, group-members.csv, resources.csv, resource-delegates.csv, aliases.csv,\n" +
    "...), mode 0600, and prints a summary per area. Without --out: `-o json` prints the document,\n" +
    "--table NAME prints one table in any format (`-o csv --table users > users.csv`), and the\n" +
    "default prints the summary. An area the backend does not implement is skipped with a warning;\n" +
    "an area that fails makes the command exit 1 after writing the rest.",
  examples: [
    "wmctl org inventory --out acme-2027-03",
    "wmctl --org acme org inventory -o json | jq '.areas.users | length'",
    "wmctl org inventory --table group-members -o csv > group-members.csv",
  ],
  options: {
    out: {
      kind: "string",
      placeholder: "dir",
      describe: "Write inventory.json and the CSV files into this folder (new, empty, or an earlier inventory's)",
    },
    table: {
      kind: "string",
      placeholder: "name",
      describe: `Print one table instead of the summary (${TABLE_NAMES.join(", ")})`,
    },
    concurrency: concurrencyOption("API calls in flight at once (the AWS backend retries throttling)"),
  },
  output: summaryOutput,
  async run(ctx, opts) {
    if (opts.out !== undefined && opts.table !== undefined)
      throw new UsageError("--table prints one table to stdout; --out writes them all: use one of them");
    if (opts.out === undefined && opts.table === undefined && ctx.out.format === "csv") {
      throw new UsageError(
        "CSV holds one table at a time",
        `pass --table NAME (${CORE_TABLE_NAMES.slice(0, 4).join(", ")} ...), or --out DIR for every table`,
      );
    }
    if (opts.table !== undefined && !TABLE_NAMES.includes(opts.table))
      throw new UsageError(`no table "${opts.table}" in an inventory`, `tables: ${TABLE_NAMES.join(", ")}`);
    const [{ collectInventory }, { inventoryTables }, files, { INVENTORY_AREAS }, { wmctlVersion }] = await Promise.all(
      [
        import("../../inventory/collect.js"),
        import("../../inventory/tables.js"),
        import("../../inventory/inventory-files.js"),
        import("../../inventory/areas.js"),
        import("../../inventory/wmctl-version.js"),
      ],
    );
    const previous = opts.out === undefined ? [] : await files.prepareOutDir(opts.out);
    const api = await ctx.backend();
    const org = await ctx.orgRef();
    const label = org.alias ?? (await api.describeOrganization({ OrganizationId: org.id })).Alias ?? org.id;
    ctx.out.info(`Taking the inventory of ${label}...`);
    const started = Date.now();
    const result = await collectInventory(api, org.id, {
      source: {
        region: ctx.settings.region,
        backend: ctx.settings.backend,
        ...(ctx.settings.endpointUrl === undefined ? {} : { endpoint: ctx.settings.endpointUrl }),
      },
      wmctlVersion: await wmctlVersion(),
      concurrency: opts.concurrency,
      areas: INVENTORY_AREAS,
      // --table collects only the areas its table is made of.
      only:
        opts.table === undefined
          ? undefined
          : new Set(CORE_TABLES[opts.table] ?? [POLICY_TABLES[opts.table] as string]),
      warn: (m) => ctx.out.warn(m),
      onArea: (o) => {
        if (o.status === "ok") ctx.out.status(`${o.area}: ${o.items} item${o.items === 1 ? "" : "s"}`);
      },
    });
    const { doc, outcomes } = result;
    const tables = inventoryTables(doc, INVENTORY_AREAS);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    ctx.debug(
      `inventory: ${result.calls} API calls in ${seconds} s (${[...result.callsByMethod].map(([m, n]) => `${m} ${n}`).join(", ")})`,
    );

    if (opts.out !== undefined) {
      const written = await files.writeInventoryDir(opts.out, doc, tables, previous);
      ctx.out.status(
        `Inventory of ${label} written to ${opts.out}: inventory.json and ${written.length} CSV files (${result.calls} API calls, ${seconds} s)`,
      );
      for (const o of outcomes) ctx.out.row({ area: o.area, status: o.status, items: o.items, note: o.reason });
    } else if (opts.table !== undefined) {
      const areas = CORE_TABLES[opts.table] ?? [POLICY_TABLES[opts.table] as string];
      const missed = outcomes.filter((o) => areas.includes(o.area) && o.status !== "ok");
      if (missed.length > 0)
        throw new UsageError(
          `no table "${opts.table}" in this inventory`,
          "its area was not collected: see the warning above",
        );
      // An empty table (no tags ...) prints nothing: an empty list is a success.
      const table = tables.get(opts.table) ?? { columns: [], rows: [] };
      ctx.out.useColumns(table.columns);
      const { csvCell } = await import("../../inventory/tables.js");
      for (const r of table.rows) {
        ctx.out.row(Object.fromEntries(table.columns.map((c) => [c, ctx.out.isJson ? r[c] : csvCell(r[c])])));
      }
    } else if (ctx.out.isJson && ctx.out.config.fields === undefined) {
      // The document; --fields picks fields of the summary below, as in the other formats.
      ctx.out.record(doc);
    } else {
      for (const o of outcomes) ctx.out.row({ area: o.area, status: o.status, items: o.items, note: o.reason });
      ctx.out.info("Nothing was written: pass --out DIR to keep the inventory (or -o json for the document)");
    }
    const failed = outcomes.filter((o) => o.status === "failed");
    if (failed.length > 0) {
      throw new CliError(`the inventory is incomplete: ${failed.map((o) => o.area).join(", ")} failed`, {
        hint: "see the warnings above; re-run once the cause is fixed (the other areas were kept)",
      });
    }
  },
});
