import type { Command } from "commander";
import { flagName, isGroup, type AnySpec, type ArgSpec, type OptionSpec } from "../define-command.js";
import { DYNAMIC_KINDS, type DynamicKind } from "../../context/completion-cache.js";

/**
 * What a shell completes after a flag or at an argument's place: fixed words (an enum's choices),
 * a file or folder path, names from the cache the CLI refreshes when it lists them, or nothing
 * (free text such as a display name).
 */
export type ValueSource =
  | { readonly kind: "words"; readonly words: readonly string[] }
  | { readonly kind: "file" }
  | { readonly kind: "dir" }
  | { readonly kind: "cached"; readonly from: readonly DynamicKind[] }
  | { readonly kind: "none" };

export interface FlagInfo {
  /** Every spelling: `--output`, `-o`. */
  readonly names: readonly string[];
  /** undefined for a switch (`--yes`), else what its value completes from. */
  readonly value: ValueSource | undefined;
}

/** One node of the command tree: a group (has children) or a command (has flags and arguments). */
interface CompletionNode {
  /** Canonical words from the root, e.g. ["user", "list"]; [] is wmctl itself. */
  readonly path: readonly string[];
  readonly children: ReadonlyArray<{ readonly name: string; readonly aliases: readonly string[] }>;
  readonly flags: readonly FlagInfo[];
  /** Positional arguments in order; a variadic last one repeats. */
  readonly args: ReadonlyArray<{ readonly value: ValueSource; readonly variadic: boolean }>;
}

export interface CompletionModel {
  readonly globals: readonly FlagInfo[];
  readonly nodes: readonly CompletionNode[];
}

const ENTITIES: readonly DynamicKind[] = ["users", "groups", "resources"];

/** Which cached names an argument or flag named like this takes (`user`, `--group`, `<mailbox>` ...). */
function cachedFor(name: string): readonly DynamicKind[] | undefined {
  const n = name.toLowerCase().replace(/s$/, "");
  switch (n) {
    case "user":
    case "manager":
      return ["users"];
    case "group":
      return ["groups"];
    case "resource":
      return ["resources"];
    case "domain":
      return ["domains"];
    case "org":
      return ["orgs"];
    case "mailbox":
      return ["users", "resources"];
    case "entity":
    case "member":
    case "grantee":
    case "delegate":
    case "user|group":
      return ENTITIES;
    default:
      return undefined;
  }
}

const FILE_WORDS = /^(file|path|files)$|file$/i;
const DIR_WORDS = /^(dir|folder|out-dir)$/i;

function optionValue(key: string, opt: OptionSpec): ValueSource | undefined {
  if (opt.kind === "boolean") return undefined;
  if (opt.kind === "enum") return { kind: "words", words: opt.choices };
  const placeholder = "placeholder" in opt && opt.placeholder ? opt.placeholder : "";
  if (DIR_WORDS.test(placeholder)) return { kind: "dir" };
  if (FILE_WORDS.test(placeholder) || FILE_WORDS.test(key)) return { kind: "file" };
  const cached = cachedFor(placeholder) ?? cachedFor(key);
  return cached ? { kind: "cached", from: cached } : { kind: "none" };
}

function argValue(arg: ArgSpec): ValueSource {
  if (FILE_WORDS.test(arg.name)) return { kind: "file" };
  const cached = cachedFor(arg.name);
  return cached ? { kind: "cached", from: cached } : { kind: "none" };
}

function commandFlags(spec: AnySpec): FlagInfo[] {
  if (isGroup(spec)) return [];
  const flags: FlagInfo[] = [];
  for (const [key, opt] of Object.entries((spec.options ?? {}) as Record<string, OptionSpec>)) {
    if (opt.hidden) continue;
    const long = `--${flagName(key)}`;
    flags.push({ names: opt.short ? [long, `-${opt.short}`] : [long], value: optionValue(key, opt) });
    if (opt.kind === "boolean" && opt.negatable) flags.push({ names: [`--no-${flagName(key)}`], value: undefined });
  }
  if (spec.mutating) flags.push({ names: ["--dry-run"], value: undefined });
  flags.push({ names: ["--help", "-h"], value: undefined });
  return flags;
}

function walk(spec: AnySpec, path: readonly string[], out: CompletionNode[]): void {
  if (isGroup(spec)) {
    out.push({
      path,
      children: spec.commands.map((c) => ({ name: c.name, aliases: c.aliases ?? [] })),
      flags: [{ names: ["--help", "-h"], value: undefined }],
      args: [],
    });
    for (const child of spec.commands) walk(child, [...path, child.name], out);
    return;
  }
  out.push({
    path,
    children: [],
    flags: commandFlags(spec),
    args: ((spec.args ?? []) as readonly ArgSpec[]).map((a) => ({ value: argValue(a), variadic: a.variadic === true })),
  });
}

/** The global flags as commander knows them (src/cli/global-options.ts), with what each value completes from. */
function globalFlags(program: Command): FlagInfo[] {
  return program.options
    .filter((o) => !o.hidden)
    .map((o) => {
      const names = [o.long, o.short].filter((n): n is string => n !== undefined);
      if (!o.required && !o.optional) return { names, value: undefined };
      if (o.argChoices) return { names, value: { kind: "words", words: o.argChoices } as const };
      const key = (o.long ?? "").replace(/^--/, "");
      if (key === "output")
        return { names, value: { kind: "words", words: ["table", "tsv", "json", "ndjson", "csv"] } as const };
      const cached = cachedFor(key);
      return { names, value: cached ? ({ kind: "cached", from: cached } as const) : ({ kind: "none" } as const) };
    });
}

/**
 * The whole tree for a completion script: built from the same specs as the help and the man page,
 * so a new verb or flag completes as soon as it exists. `extra` are built-ins of the CLI layer
 * (`help`, `completion`) with their first argument's words.
 */
export function buildModel(
  program: Command,
  specs: readonly AnySpec[],
  extra: ReadonlyArray<{ name: string; words: readonly string[] }>,
): CompletionModel {
  const nodes: CompletionNode[] = [];
  const rootChildren = [
    ...specs.map((s) => ({ name: s.name, aliases: s.aliases ?? [] })),
    ...extra.map((e) => ({ name: e.name, aliases: [] })),
  ];
  nodes.push({ path: [], children: rootChildren, flags: [], args: [] });
  for (const spec of specs) walk(spec, [spec.name], nodes);
  for (const e of extra)
    nodes.push({
      path: [e.name],
      children: [],
      flags: [{ names: ["--help", "-h"], value: undefined }],
      args: [{ value: { kind: "words", words: e.words }, variadic: false }],
    });
  return { globals: globalFlags(program), nodes };
}

{
  DYNAMIC_KINDS;
}
