import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import type { CommandContext, OrganizationRef } from "../context/context.js";
import { namingOrganization } from "../context/naming-organization.js";
import { CancelledError, CliError, UsageError } from "../errors/cli-error.js";
import { ExitCode } from "../errors/exit-codes.js";
import { ServiceError } from "../errors/service-error.js";
import { toCliError } from "../errors/to-cli-error.js";
import { progressBars } from "../export-jobs/progress.js";
import { mapColumns, rowFields, type Fields } from "./columns.js";
import { BulkLedger, type RowResult } from "./ledger.js";
import { rateLimitApi, isThrottling } from "./rate-limited-api.js";
import { readBulkInput } from "./read-rows.js";
import { writeReport } from "./report.js";
import { RowOutput, rowContext, rowContextBase } from "./row-context.js";
import { PasswordsOut } from "./secret-lines.js";
import { TokenBucket } from "./token-bucket.js";
import type { BulkVerb } from "./verbs.js";

export interface BulkOptions {
  readonly from: string;
  readonly map: readonly string[];
  readonly concurrency: number;
  /** Requests per second for every call of the run; undefined: as fast as the service allows. */
  readonly rate: number | undefined;
  readonly report: string | undefined;
  readonly passwordsOut: string | undefined;
  readonly restart: boolean;
  readonly keepPartial: boolean;
  readonly exportMailbox: boolean;
  readonly dryRun: boolean;
}

/** Verbs that take something away: one confirmation for the whole file (or --yes). */
const DESTRUCTIVE = new Set(["delete", "disable", "offboard", "remove-member", "remove-alias", "revoke"]);

interface ValidRow {
  readonly row: number;
  readonly key: string;
  readonly fields: Fields;
  /** sha256 of the row's fields: a resumed run skips a done row only if it is unchanged. */
  readonly digest: string;
}

/**
 * `wmctl bulk VERB --from FILE`: reads and validates every row before anything changes, then runs
 * each row through the single commands' engines (the verb's `run`) with bounded concurrency, one
 * shared token bucket, a per-row report and a resume ledger.
 */
export async function runBulk(ctx: CommandContext, verb: BulkVerb, o: BulkOptions): Promise<void> {
  const input = await readBulkInput(o.from, ctx.io);
  const mapping = mapColumns(input.headers, verb.fields, o.map);
  const mappedFields = new Set(mapping.byColumn.values());
  const missing = verb.required.filter((f) => !mappedFields.has(f));
  if (missing.length > 0) {
    throw new UsageError(
      `bulk ${verb.name}: no column for ${missing.join(", ")} in ${o.from === "-" ? "the input" : o.from} (columns: ${input.headers.join(", ") || "none"})`,
      `name the columns so, or map them: --map COLUMN=${missing[0] ?? "FIELD"}`,
    );
  }
  if (mapping.ignored.length > 0)
    ctx.out.info(
      `bulk ${verb.name}: ignoring column${mapping.ignored.length > 1 ? "s" : ""} ${mapping.ignored.join(", ")}`,
    );

  // Every row is checked before anything changes.
  const valid: ValidRow[] = [];
  const invalid: RowResult[] = [];
  const seen = new Map<string, number>();
  for (const rec of input.records) {
    const { fields, problems } = rowFields(rec.values, mapping, verb.fields);
    for (const f of verb.required) if (fields[f] === undefined) problems.push(`${f} is empty`);
    problems.push(...verb.validate(fields));
    const key = verb.key(fields);
    const dup = seen.get(key.toLowerCase());
    if (problems.length === 0 && dup !== undefined) problems.push(`the same ${key} as row ${dup}`);
    if (problems.length === 0) {
      seen.set(key.toLowerCase(), rec.row);
      valid.push({
        row: rec.row,
        key,
        fields,
        digest: createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32),
      });
    } else
      invalid.push({
        row: rec.row,
        key,
        action: "error",
        outcome: "invalid",
        error: "ValidationError",
        message: problems.join("; "),
      });
  }
  if (invalid.length > 0) {
    for (const r of invalid) ctx.out.row(r);
    if (o.report !== undefined) await writeReport(o.report, [...invalid]);
    throw new UsageError(
      `bulk ${verb.name}: ${invalid.length} of ${input.records.length} rows are invalid; nothing was changed`,
      "fix them (see the rows above) and run again",
    );
  }
  if (valid.length === 0) {
    ctx.out.info(`bulk ${verb.name}: no rows in ${o.from}`);
    return;
  }
  const generating =
    verb.generatesPassword !== undefined && valid.some((r) => verb.generatesPassword?.(r.fields) === true);
  if (generating && !o.dryRun && o.passwordsOut === undefined) {
    throw new UsageError(
      `bulk ${verb.name}: some rows have no password column value, and wmctl would generate them`,
      "pass --passwords-out FILE (written with mode 0600), or add a password column",
    );
  }

  const bucket = new TokenBucket(o.rate);
  const limited = rateLimitApi(await ctx.backend(), bucket);
  const base = rowContextBase(ctx, limited.api);
  const org = await ctx.org();
  // A row's error names the organization as the single commands' errors do: "acme (m-...)".
  let knownOrg: Promise<OrganizationRef | undefined> | undefined;
  const named = async (e: unknown): Promise<CliError> => {
    const err = toCliError(e);
    return err.message.includes(org) ? namingOrganization(err, await (knownOrg ??= ctx.knownOrg())) : err;
  };
  const started = performance.now();

  if (o.dryRun) {
    const results = await eachRow(
      valid,
      o.concurrency,
      () => false,
      async (v) => {
        const out = new RowOutput(ctx.out);
        try {
          const action = await verb.run(
            rowContext(base, out, undefined, () => undefined),
            out,
            v.fields,
            { dryRun: true, keepPartial: o.keepPartial, exportMailbox: o.exportMailbox },
          );
          const plan = out.plans
            .map((p) => `${p.action} ${p.target}${p.details ? " " + describe(p.details) : ""}`)
            .join("; ");
          return {
            row: v.row,
            key: v.key,
            action,
            outcome: "ok",
            error: undefined,
            message: plan || out.notes.join("; ") || undefined,
          } satisfies RowResult;
        } catch (e) {
          return failure(v, e, await named(e));
        }
      },
    );
    for (const r of results) ctx.out.row({ ...r, outcome: r.outcome === "ok" ? "planned" : r.outcome });
    if (o.report !== undefined) await writeReport(o.report, results);
    const bad = results.filter((r) => r.outcome !== "ok");
    if (bad.length > 0)
      throw new CliError(`bulk ${verb.name} --dry-run: ${bad.length} of ${results.length} rows would fail`, {
        exitCode: exitFor(bad),
        hint: "see the error rows above",
      });
    return;
  }

  if (DESTRUCTIVE.has(verb.name))
    await ctx.confirm(`bulk ${verb.name}: ${valid.length} row${valid.length > 1 ? "s" : ""} from ${o.from}. Go ahead?`);
  const source = o.from === "-" ? `stdin:${input.digest}` : resolve(o.from);
  const ledgerFile =
    o.report !== undefined
      ? `${o.report}.ledger.jsonl`
      : join(
          ctx.settings.dataDir,
          "bulk",
          `${verb.name}-${org}-${createHash("sha256").update(source).digest("hex").slice(0, 16)}.jsonl`,
        );
  const ledger = BulkLedger.open(
    ledgerFile,
    { verb: verb.name, org, input: input.digest, rows: input.records.length },
    { restart: o.restart },
  );
  const passwords = o.passwordsOut !== undefined && generating ? await PasswordsOut.open(o.passwordsOut) : undefined;
  const todo = valid.filter((v) => !ledger.isDone(v.row, v.digest));
  if (ledger.previousRuns > 0) {
    const cut = ledger.interrupted().length;
    ctx.out.info(
      `bulk ${verb.name}: resuming from ${ledger.file}: ${valid.length - todo.length} rows done before, ${todo.length} to do${cut > 0 ? ` (${cut} cut short, finished now)` : ""}`,
    );
  }

  let stopping: string | undefined;
  void ctx.untilInterrupted().then((signal) => (stopping = signal));
  const bars = await progressBars(
    ctx.out.config.progress,
    ctx.io.stderr,
    `bulk ${verb.name} [{bar}] {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {failed} failed`,
  );
  const bar = bars.bar(todo.length, { rate: "0", failed: 0 });
  let done = 0;
  let failedCount = 0;
  try {
    await eachRow(
      todo,
      o.concurrency,
      () => stopping !== undefined,
      async (v) => {
        const out = new RowOutput(ctx.out);
        const rowCtx = rowContext(
          base,
          out,
          typeof v.fields.password === "string" ? v.fields.password : undefined,
          (pw) => passwords?.add(v.row, v.key, pw),
        );
        ledger.start(v.row);
        let result: RowResult;
        try {
          const action = await verb.run(rowCtx, out, v.fields, {
            dryRun: false,
            keepPartial: o.keepPartial,
            exportMailbox: o.exportMailbox,
          });
          result = {
            row: v.row,
            key: v.key,
            action,
            outcome: "ok",
            error: undefined,
            message: out.statuses.join("; ") || out.notes.join("; ") || undefined,
          };
        } catch (e) {
          result = failure(v, e, await named(e));
          failedCount++;
        }
        ledger.finish(result, v.digest);
        done++;
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: (done / Math.max(seconds, 0.001)).toFixed(1), failed: failedCount });
        return result;
      },
    );
  } finally {
    bars.stop();
    ledger.close();
    passwords?.close();
  }

  const results = valid.map(
    (v) =>
      ledger.result(v.row) ?? {
        row: v.row,
        key: v.key,
        action: "-",
        outcome: "pending" as const,
        error: undefined,
        message: "not run yet: the run was interrupted first",
      },
  );
  if (o.report !== undefined) await writeReport(o.report, results);
  const seconds = (performance.now() - started) / 1000;
  const counts = new Map<string, number>();
  for (const r of results) if (r.outcome === "ok") counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  const bad = results.filter((r) => r.outcome !== "ok" && r.outcome !== "pending");
  const pending = results.length - bad.length - [...counts.values()].reduce((a, b) => a + b, 0);
  const summary =
    `bulk ${verb.name}: ${results.length} rows: ${[...counts].map(([a, n]) => `${n} ${a}`).join(", ") || "none done"}` +
    `${bad.length > 0 ? `, ${bad.length} failed` : ""}${pending > 0 ? `, ${pending} not run yet` : ""}; this run ${done} rows in ${seconds.toFixed(1)} s (${(done / Math.max(seconds, 0.001)).toFixed(1)} rows/s, ${limited.calls()} calls` +
    `${bucket.throttled > 0 ? `, throttled ${bucket.throttled} times, rate now ${bucket.currentRate.toFixed(1)}/s` : ""})` +
    `${o.report !== undefined ? `; report: ${o.report}` : ""}${passwords !== undefined ? `; passwords: ${passwords.file}` : ""}`;
  if (stopping !== undefined) {
    ctx.out.warn(summary);
    throw new CancelledError(
      `interrupted (${stopping}): run the same command again to continue where it stopped (ledger ${ledger.file})`,
    );
  }
  for (const r of bad) ctx.out.row(r);
  if (bad.length > 0) {
    ctx.out.warn(summary);
    throw new CliError(`bulk ${verb.name}: ${bad.length} of ${results.length} rows failed`, {
      exitCode: exitFor(bad) === ExitCode.Throttled ? ExitCode.Throttled : ExitCode.Failure,
      hint: `fix them and run the same command again: rows done are skipped${o.report === undefined ? "" : ` (see ${o.report})`}`,
    });
  }
  ctx.out.status(summary);
}

function failure(v: ValidRow, e: unknown, err: CliError): RowResult {
  const name = err instanceof ServiceError ? err.code : err.name === "CliError" ? "Error" : err.name;
  const throttled = isThrottling((err as { cause?: unknown }).cause ?? e) || err.exitCode === ExitCode.Throttled;
  return {
    row: v.row,
    key: v.key,
    action: "error",
    outcome: throttled ? "throttled" : "failed",
    error: name,
    message: err.message + (err.hint ? ` (hint: ${err.hint})` : ""),
  };
}

/** 7 when any row was throttled out, 2 when every failure is a usage problem, else 1. */
function exitFor(bad: readonly RowResult[]): ExitCode {
  if (bad.some((r) => r.outcome === "throttled")) return ExitCode.Throttled;
  if (
    bad.every(
      (r) =>
        r.outcome === "invalid" ||
        r.error === "UsageError" ||
        r.error === "ValidationException" ||
        r.error === "InvalidParameterException",
    )
  )
    return ExitCode.Usage;
  return ExitCode.Failure;
}

function describe(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
    .join(" ");
}

/** Runs `fn` on the items with at most `concurrency` at once, in order of start; stops taking new ones when `stop()`. */
async function eachRow<T, R>(
  items: readonly T[],
  concurrency: number,
  stop: () => boolean,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results.filter((r) => r !== undefined);
}
