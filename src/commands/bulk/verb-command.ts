import { defineCommand } from "../../cli/define-command.js";
import type { BulkVerb } from "../../bulk/verbs.js";
import { UsageError } from "../../errors/cli-error.js";

const RATE = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*s(?:ec(?:ond)?)?)?\s*$/i;

/** `--rate 20/s` or `--rate 20`: requests per second. */
function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = RATE.exec(text);
  const n = m === null ? Number.NaN : Number(m[1]);
  if (!(n > 0) || n > 100_000) throw new UsageError(`--rate ${text}: expected requests per second, e.g. 20/s`);
  return n;
}

/**
 * One `wmctl bulk VERB` command, made from the verb's table entry: the same flags for every verb,
 * its columns in --help.
 */
export function bulkVerbCommand(verb: BulkVerb) {
  const columns = verb.fields
    .map((f) => `  ${f.name}${verb.required.includes(f.name) ? " (required)" : ""}: ${f.describe}`)
    .join("\n");
  return defineCommand({
    name: verb.name,
    summary: verb.summary,
    description:
      `Reads rows from a CSV file (header row) or JSON Lines, checks every row before anything changes, then\n` +
      `runs each through the same engine as the single command. Columns (by header name; the Microsoft 365\n` +
      `and Google Workspace export headers and wmctl's inventory CSVs are recognised; --map COLUMN=FIELD\n` +
      `for others; lists are separated by ; , or |):\n${columns}\n` +
      `A re-run of the same command resumes: rows done are skipped (see --report). Exit 0 when every row\n` +
      `is done, 1 when some failed, 2 when a row is invalid (nothing changes), 7 when throttled out.`,
    examples: [
      `wmctl bulk ${verb.name} --from rows.csv --dry-run`,
      `wmctl bulk ${verb.name} --from rows.csv --report result.csv --concurrency 8 --rate 20/s`,
      `cat rows.jsonl | wmctl bulk ${verb.name} --from - --report result.jsonl`,
    ],
    options: {
      from: {
        kind: "string",
        required: true,
        placeholder: "file",
        describe: "FILE.csv, FILE.jsonl, or - for standard input",
      },
      map: {
        kind: "list",
        placeholder: "column=field",
        describe: "Read FIELD from COLUMN (repeatable; COLUMN= ignores a column)",
      },
      concurrency: { kind: "int", default: 8, min: 1, max: 64, placeholder: "n", describe: "Rows in progress at once" },
      rate: {
        kind: "string",
        placeholder: "n/s",
        describe:
          "At most this many WorkMail requests per second for the whole run (default: as fast as the service allows; throttling slows it down)",
      },
      report: {
        kind: "string",
        placeholder: "file",
        describe:
          "Write one line per row (CSV, or JSON Lines for .jsonl): row, key, action, outcome, error, message; the resume ledger goes beside it",
      },
      ...(verb.generatesPassword === undefined
        ? {}
        : {
            passwordsOut: {
              kind: "string",
              placeholder: "file",
              describe: "Append generated passwords here (row,name,password; mode 0600)",
            } as const,
          }),
      restart: { kind: "boolean", describe: "Ignore the ledger of an earlier run and do every row again" },
      keepPartial: {
        kind: "boolean",
        describe: "When a row's later step fails, keep what it made instead of undoing it",
      },
      ...(verb.name === "offboard"
        ? {
            export: {
              kind: "boolean",
              describe: "Export each mailbox first and wait for it (also an export column)",
            } as const,
          }
        : {}),
    },
    output: {
      fields: ["row", "key", "action", "outcome", "error", "message"],
      columns: ["row", "key", "action", "outcome", "error", "message"],
      list: true,
      empty: "no failed rows",
    },
    mutating: true,
    async run(ctx, opts) {
      const { runBulk } = await import("../../bulk/run-bulk.js");
      await runBulk(ctx, verb, {
        from: opts.from,
        map: opts.map,
        concurrency: opts.concurrency,
        rate: parseRate(opts.rate),
        report: opts.report,
        passwordsOut: (opts as { passwordsOut?: string }).passwordsOut,
        restart: opts.restart,
        keepPartial: opts.keepPartial,
        exportMailbox: (opts as { export?: boolean }).export === true,
        dryRun: opts.dryRun,
      });
    },
  });
}
