import { CommanderError, type Command } from "commander";
import { ConfigStore } from "../context/config-store.js";
import { createContext } from "../context/context.js";
import { namingOrganization } from "../context/naming-organization.js";
import { configDir, type Env } from "../context/paths.js";
import { effectiveFormat, resolveSettings, type GlobalFlags } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";
import { ExitCode } from "../errors/exit-codes.js";
import { toCliError } from "../errors/to-cli-error.js";
import { systemIO, type IOStreams } from "../io/iostreams.js";
import { FieldListError, parseFieldList, parseSort, type SortSpec } from "../output/format.js";
import { Output } from "../output/output.js";
import { terminalSafe, terminalSafeLines } from "../output/terminal-safe.js";
import { colorEnabled, createStyle } from "../output/style.js";
import { createPrompter, type Prompter } from "../prompts/prompter.js";
import type { AnyCommandSpec } from "./define-command.js";
import { COMMANDS } from "../commands/index.js";
import { globalValueFlags, loadAll, loadSelected } from "./command-tree.js";
import { CACHE_SOURCES, saveCompletionWords, wordsOfRow } from "../context/completion-cache.js";
import { buildProgram } from "./program.js";

export interface MainDeps {
  readonly io?: IOStreams;
  readonly env?: Env;
  /** Replaces the terminal prompter (tests of interactive flows). */
  readonly prompter?: Prompter;
  /** Replaces SIGINT/SIGTERM for long-running commands (tests stop `local serve` with it). */
  readonly interrupted?: () => Promise<string>;
}

/**
 * How wide a table may be: unlimited with --wide; else COLUMNS when it is set (as most tools honour
 * it); else the terminal's width; unlimited when stdout is not a terminal (`-o table > file`).
 */
export function tableWidth(io: IOStreams, env: Env, wide: boolean): number {
  if (wide) return Number.POSITIVE_INFINITY;
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && Number.isInteger(columns) && columns > 0) return columns;
  return io.isStdoutTTY ? io.columns : Number.POSITIVE_INFINITY;
}

/** argv (without node and the script) -> exit code. The only place errors become exit codes. */
export async function main(argv: readonly string[], deps: MainDeps = {}): Promise<number> {
  const io = deps.io ?? systemIO();
  const env = deps.env ?? process.env;
  const debugRequested = argv.includes("--debug") || /^(1|true|yes|on)$/i.test(env.WMCTL_DEBUG ?? "");
  let errStyleMade: ReturnType<typeof createStyle> | undefined;
  const errStyle = () =>
    (errStyleMade ??= createStyle(colorEnabled(io.isStderrTTY, env, argv.includes("--no-color") ? false : undefined)));

  const run = async (spec: AnyCommandSpec, input: Record<string, unknown>, command: Command) => {
    const flags = command.optsWithGlobals<GlobalFlags>();
    const config = new ConfigStore(configDir(env));
    const settings = resolveSettings(flags, env, config);
    let fields: string[] | undefined;
    if (settings.fields !== undefined) {
      try {
        fields = parseFieldList(settings.fields, spec.output);
      } catch (e) {
        if (e instanceof FieldListError) {
          throw new UsageError(
            `--fields: ${e.message}`,
            e.validFields.length ? `valid fields: ${e.validFields.join(", ")}` : undefined,
          );
        }
        throw e;
      }
    }
    let sort: SortSpec | undefined;
    if (flags.sort !== undefined) {
      try {
        sort = parseSort(flags.sort, spec.output);
      } catch (e) {
        if (e instanceof FieldListError)
          throw new UsageError(e.message, e.validFields.length ? `fields: ${e.validFields.join(", ")}` : undefined);
        throw e;
      }
    }
    const format = effectiveFormat(settings, io.isStdoutTTY);
    const out = new Output(
      io.stdout,
      io.stderr,
      {
        format,
        fields,
        quiet: settings.quiet,
        style: createStyle(colorEnabled(io.isStdoutTTY, env, settings.colorFlag)),
        stderrStyle: createStyle(colorEnabled(io.isStderrTTY, env, settings.colorFlag)),
        width: tableWidth(io, env, flags.wide === true),
        progress: io.isStderrTTY && !settings.quiet && format !== "json" && format !== "ndjson",
        sort,
      },
      spec.output,
    );
    await out.prepare();
    // `user list` and the other listings keep the names a shell completes (src/context/completion-cache.ts).
    const cacheSource = CACHE_SOURCES[`${command.parent?.name() ?? ""} ${command.name()}`];
    const cacheWords: string[] = [];
    if (cacheSource) out.observeRows((row) => cacheWords.push(...wordsOfRow(row, cacheSource.fields)));
    const prompter = deps.prompter ?? createPrompter(io, settings.noInput);
    const ctx = createContext({
      io,
      env,
      settings,
      out,
      prompter,
      config,
      ...(deps.interrupted ? { interrupted: deps.interrupted } : {}),
    });
    let failed = true;
    try {
      await spec.run(ctx, input as never);
      failed = false;
      if (cacheSource) saveCompletionWords(env, cacheSource.kind, cacheWords, !filtered(command));
    } catch (e) {
      const err = toCliError(e);
      throw err.message.includes("m-") ? namingOrganization(err, await ctx.knownOrg()) : err;
    } finally {
      await out.end({ failed }).catch(() => undefined);
      await ctx.close();
    }
  };

  const programIO = {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    errorColor: (s: string) => terminalSafeLines(s).replace(/^error:/, errStyle().red("error:")),
  };
  const selected = await loadSelected(COMMANDS, argv, globalValueFlags());
  const program = buildProgram(programIO, run, env, selected, () => loadAll(COMMANDS));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return ExitCode.Ok;
      // commander has printed the error (or the help of a group named without a verb).
      return ExitCode.Usage;
    }
    const err = toCliError(e);
    io.stderr.write(`${errStyle().red("error:")} ${terminalSafe(err.message)}\n`);
    if (err.hint !== undefined) io.stderr.write(`${errStyle().dim("hint:")} ${terminalSafeLines(err.hint)}\n`);
    if (debugRequested && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return err.exitCode;
  }
}

/** Whether a listing was narrowed by one of its own flags (`--state`, `--prefix` ...), so it is not the whole list. */
function filtered(command: Command): boolean {
  return command.options.some(
    (o) =>
      command.getOptionValueSource(o.attributeName()) === "cli" ||
      command.getOptionValueSource(o.attributeName()) === "env",
  );
}
