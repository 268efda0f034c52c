import { readFileSync } from "node:fs";
import { Command, Help, Option } from "commander";
import { NOUN_GROUPS, NOUNS } from "../commands/nouns.js";
import { parseDurationArg } from "../time/duration.js";
import { UsageError } from "../errors/cli-error.js";
import {
  flagName,
  isGroup,
  type AnyCommandSpec,
  type AnySpec,
  type LazySpec,
  type ArgSpec,
  type OptionSpec,
} from "./define-command.js";
import { addGlobalOptions } from "./global-options.js";
import { HELP_TOPICS } from "./help-topics.js";
import { attachCompletion } from "./completion/command.js";

/** Runs a parsed command: builds the context and calls the spec's run function. */
export type Runner = (spec: AnyCommandSpec, input: Record<string, unknown>, command: Command) => Promise<void>;

export interface ProgramIO {
  writeOut(s: string): void;
  writeErr(s: string): void;
  /** Colours commander's own error lines. */
  errorColor(s: string): string;
}

export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** A fresh commander tree per call (tests build many in one process). */
export function buildProgram(
  io: ProgramIO,
  run: Runner,
  env: Readonly<Record<string, string | undefined>>,
  commands: ReadonlyArray<AnySpec | LazySpec>,
  /** Every command, loaded (for `wmctl completion`); defaults to the ones given. */
  loadAllSpecs: () => Promise<readonly AnySpec[]> = async () => commands.filter((c): c is AnySpec => c.kind !== "lazy"),
): Command {
  const program = new Command("wmctl");
  program
    .description("The administrator CLI for Amazon WorkMail, with an embedded local simulator of the service.")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .helpCommand(false)
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: io.writeOut,
      writeErr: io.writeErr,
      outputError: (s, write) => write(io.errorColor(s)),
    });
  addGlobalOptions(program);
  // Every command's --help ends with the global flags it inherits (gh's INHERITED FLAGS).
  program.configureHelp({
    showGlobalOptions: true,
    visibleGlobalOptions(cmd) {
      return Help.prototype.visibleGlobalOptions.call(this, cmd).filter((o) => o.long !== "--version");
    },
    formatItemList(heading, items, helper) {
      return Help.prototype.formatItemList.call(
        this,
        heading === "Global Options:" ? "Inherited flags (see wmctl --help):" : heading,
        items,
        helper,
      );
    },
  });
  for (const spec of commands) attach(program, spec, run, env);
  attachHelp(program);
  attachCompletion(program, loadAllSpecs);
  // The top-level help lists the commands by job (src/commands/nouns.ts says which group each is in).
  for (const cmd of program.commands) cmd.helpGroup(`${nounGroupHeading(cmd.name())}:`);
  program.addHelpText(
    "after",
    `\nHelp topics: ${Object.keys(HELP_TOPICS).join(", ")}  (wmctl help <topic>)\n` +
      "Start here: wmctl quickstart    Every command: wmctl <command> --help\n",
  );
  return program;
}

function attach(
  parent: Command,
  spec: AnySpec | LazySpec,
  run: Runner,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const cmd = parent.command(spec.name).description(spec.summary);
  if (spec.aliases?.length) cmd.aliases([...spec.aliases]);
  // A command argv did not name: listed in the help, never run (main loads what argv names).
  if (spec.kind === "lazy") return;
  if (spec.description) cmd.addHelpText("after", `\n${spec.description.trim()}\n`);
  if (isGroup(spec)) {
    for (const child of spec.commands) attach(cmd, child, run, env);
    return;
  }
  for (const a of (spec.args ?? []) as readonly ArgSpec[]) {
    const name = `${a.name}${a.variadic ? "..." : ""}`;
    cmd.argument(a.required === false ? `[${name}]` : `<${name}>`, a.describe);
  }
  for (const [key, opt] of Object.entries((spec.options ?? {}) as Record<string, OptionSpec>)) {
    cmd.addOption(toOption(key, opt));
    if (opt.kind === "boolean" && opt.negatable) {
      const negated = new Option(`--no-${flagName(key)}`, opt.negatedDescribe ?? negatedDescription(opt.describe));
      if (opt.hidden) negated.hideHelp();
      cmd.addOption(negated);
    }
  }
  if (spec.mutating) cmd.addOption(new Option("--dry-run", "print what would change, change nothing"));
  if (spec.output) {
    cmd.addHelpText("after", `\nFields (--fields, -o json): ${spec.output.fields.join(", ")}\n`);
  }
  if (spec.examples?.length)
    cmd.addHelpText("after", `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join("\n")}\n`);
  cmd.action(async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const input: Record<string, unknown> = {};
    ((spec.args ?? []) as readonly ArgSpec[]).forEach((a, i) => {
      input[a.name] = raw[i];
    });
    const local = command.opts<Record<string, unknown>>();
    for (const [key, opt] of Object.entries((spec.options ?? {}) as Record<string, OptionSpec>)) {
      input[key] = convert(key, opt, rawOption(key, opt, local), env);
    }
    if (spec.mutating) input.dryRun = local.dryRun === true;
    await run(spec, input, command);
  });
}

function toOption(key: string, opt: OptionSpec): Option {
  const long = `--${flagName(key)}`;
  const placeholder = "placeholder" in opt && opt.placeholder ? opt.placeholder : flagName(key);
  const flags = `${opt.short ? `-${opt.short}, ` : ""}${long}${opt.kind === "boolean" ? "" : ` <${placeholder}>`}`;
  let describe = opt.describe;
  if (opt.kind === "enum") describe += ` (${opt.choices.join(", ")})`;
  if ("default" in opt && opt.default !== undefined) describe += ` (default: ${String(opt.default)})`;
  if ("required" in opt && opt.required) describe += " (required)";
  if (opt.env) describe += ` (env ${opt.env})`;
  const o = new Option(flags, describe);
  if (opt.kind === "list") {
    o.argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      ...value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ]);
  }
  if (opt.hidden) o.hideHelp();
  return o;
}

/** "Accept requests automatically" -> "Do not: accept requests automatically". */
function negatedDescription(describe: string): string {
  return `Do not: ${describe.charAt(0).toLowerCase()}${describe.slice(1)}`;
}

/**
 * commander stores a negated boolean flag (`noAuth` -> `--no-auth`) as `auth: false`; the spec's key
 * reads true when the flag is given.
 */
function rawOption(key: string, opt: OptionSpec, local: Record<string, unknown>): unknown {
  if (opt.kind !== "boolean" || !/^no[A-Z]/.test(key)) return local[key];
  const attr = key.charAt(2).toLowerCase() + key.slice(3);
  return local[attr] === false ? true : undefined;
}

/** Turns commander's strings into the spec's types, with one-line usage errors. */
function convert(
  key: string,
  opt: OptionSpec,
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): unknown {
  const flag = `--${flagName(key)}`;
  let value = raw;
  if (value === undefined && opt.env !== undefined && env[opt.env] !== undefined && env[opt.env] !== "")
    value = env[opt.env];
  if (value === undefined && "default" in opt) value = opt.default;
  switch (opt.kind) {
    case "boolean":
      if (opt.negatable && value === undefined) return undefined;
      if (opt.negatable && (value === false || value === "0" || value === "false")) return false;
      return value === true || value === "1" || value === "true";
    case "list":
      if (typeof value === "string")
        value = value
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
      if (opt.required && (value === undefined || (value as string[]).length === 0))
        throw new UsageError(`missing required option ${flag}`);
      return value ?? [];
    case "string":
      if (value === undefined) {
        if (opt.required) throw new UsageError(`missing required option ${flag}`);
        return undefined;
      }
      return String(value);
    case "enum": {
      if (value === undefined) {
        if (opt.required)
          throw new UsageError(`missing required option ${flag}`, `use one of: ${opt.choices.join(", ")}`);
        return undefined;
      }
      const hit = opt.choices.find((c) => c.toLowerCase() === String(value).toLowerCase());
      if (hit === undefined)
        throw new UsageError(`invalid value "${String(value)}" for ${flag}`, `use one of: ${opt.choices.join(", ")}`);
      return hit;
    }
    case "int": {
      if (value === undefined) {
        if (opt.required) throw new UsageError(`missing required option ${flag}`);
        return undefined;
      }
      const n = typeof value === "number" ? value : Number(String(value).trim());
      const range = `${opt.min ?? "any"}..${opt.max ?? "any"}`;
      if (!Number.isInteger(n) || String(value).trim() === "")
        throw new UsageError(`${flag} must be a whole number, got "${String(value)}"`);
      if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
        throw new UsageError(`${flag} must be within ${range}, got ${n}`);
      }
      return n;
    }
    case "duration": {
      if (value === undefined) {
        if (opt.required) throw new UsageError(`missing required option ${flag}`);
        return undefined;
      }
      try {
        return typeof value === "number" ? value : parseDurationArg(String(value));
      } catch (e) {
        throw new UsageError(`${flag}: ${(e as Error).message}`);
      }
    }
  }
}

/** The heading of a top-level command's group in `wmctl --help`; a noun without one goes last. */
function nounGroupHeading(name: string): string {
  if (name === "help") return NOUN_GROUPS.start;
  const noun = (NOUNS as Readonly<Record<string, { group?: keyof typeof NOUN_GROUPS }>>)[name];
  return noun?.group === undefined ? "Other commands" : NOUN_GROUPS[noun.group];
}

/** `wmctl help [command...]` and `wmctl help <topic>`. */
function attachHelp(program: Command): void {
  program
    .command("help")
    .description("show help for a command or a topic (exit-codes, environment, formatting)")
    .argument("[path...]", "a command path (e.g. user create) or a topic")
    .action((path: string[], _opts: unknown, command: Command) => {
      const topic = path.length === 1 ? HELP_TOPICS[path[0] as string] : undefined;
      if (topic !== undefined) {
        command.parent?.configureOutput().writeOut?.(topic);
        return;
      }
      let target: Command = program;
      for (const name of path) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (next === undefined) {
          throw new UsageError(
            `no command or help topic "${path.join(" ")}"`,
            `topics: ${Object.keys(HELP_TOPICS).join(", ")}; commands: wmctl --help`,
          );
        }
        target = next;
      }
      target.outputHelp();
    });
}
