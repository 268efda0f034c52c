import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { Output } from "../../output/output.js";
import { presentation, valueText } from "./plan-records.js";
import { domainArg, recordListOutput, recordRows, type RecordRow } from "./view.js";

export const domainRecordsCommand = defineCommand({
  name: "records",
  summary: "Show the DNS records WorkMail asks for: a table, a zone-file snippet, CSV, JSON or a Route 53 change batch",
  description:
    "The records come from WorkMail itself (GetMailDomain). In the zone format every name is fully\n" +
    "qualified (trailing dot): some DNS hosts append the domain to names, turning\n" +
    "_amazonses.example.com into _amazonses.example.com.example.com; enter names with the trailing dot,\n" +
    "or only the part before the domain. The route53 format is a change batch for\n" +
    "`aws route53 change-resource-record-sets --change-batch file://records.json` (or use `wmctl domain apply`).",
  examples: [
    "wmctl domain records example.com",
    "wmctl domain records example.com --format zone > example.com.zone",
    "wmctl domain records example.com --format route53 > batch.json",
    "wmctl domain records example.com --format csv",
  ],
  args: [{ name: "domain", describe: "the domain" }],
  options: {
    format: {
      kind: "enum",
      choices: ["table", "zone", "csv", "json", "route53"],
      describe: "Output format (default: -o, or a table on a terminal)",
    },
  },
  output: recordListOutput,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const format = opts.format;
    if (format !== undefined && ctx.settings.output !== undefined && ctx.settings.output !== format) {
      throw new UsageError(`--format ${format} conflicts with -o ${ctx.settings.output}`, "use one of them");
    }
    if ((format === "zone" || format === "route53") && ctx.out.config.fields !== undefined) {
      throw new UsageError(
        `--fields does not apply to --format ${format}`,
        "use it with the table, csv or json formats",
      );
    }
    const api = await ctx.backend();
    const d = await api.getMailDomain({ OrganizationId: await ctx.org(), DomainName: domain });
    const rows = recordRows(domain, d.Records ?? []);
    if (d.IsTestDomain) ctx.out.info(`${domain} is WorkMail's test domain: it needs no DNS records`);
    if (format === "zone") return ctx.out.text(zoneSnippet(domain, rows));
    if (format === "route53") return ctx.out.text(JSON.stringify(changeBatch(domain, rows), null, 2));
    let out = ctx.out;
    if (format !== undefined && format !== ctx.out.format) {
      out = new Output(ctx.io.stdout, ctx.io.stderr, { ...ctx.out.config, format }, recordListOutput);
      await out.prepare();
    }
    for (const r of rows) out.row(r);
    if (out !== ctx.out) await out.end();
  },
});

/** A BIND zone snippet with fully qualified names (the guide's "Copy all"). */
export function zoneSnippet(domain: string, rows: readonly RecordRow[]): string {
  const lines = rows.map(
    (r) => [`${r.name}.`, String(r.ttl), "IN", r.type, presentation(r.type, valueText(r.type, r.value))] as const,
  );
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...lines.map((l) => l[i]?.length ?? 0)));
  const body = lines.map((l) => l.map((c, i) => (i < 4 ? c.padEnd(widths[i] ?? 0) : c)).join("  ")).join("\n");
  return `; Amazon WorkMail records for ${domain}\n; Names are fully qualified (note the trailing dots).\n${body}\n`;
}

/** A Route 53 change batch that UPSERTs every record (records of one name and type merged). */
function changeBatch(domain: string, rows: readonly RecordRow[]) {
  const sets = new Map<string, { Name: string; Type: string; TTL: number; ResourceRecords: { Value: string }[] }>();
  for (const r of rows) {
    const key = `${r.name}|${r.type}`;
    const set = sets.get(key) ?? { Name: `${r.name}.`, Type: r.type, TTL: r.ttl, ResourceRecords: [] };
    set.ResourceRecords.push({ Value: presentation(r.type, valueText(r.type, r.value)) });
    sets.set(key, set);
  }
  return {
    Comment: `Amazon WorkMail records for ${domain}`,
    Changes: [...sets.values()].map((s) => ({ Action: "UPSERT", ResourceRecordSet: s })),
  };
}
