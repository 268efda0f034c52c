import type { CommandContext } from "../context/context.js";
import type { OutputSpec } from "../output/format.js";

interface OptionBase {
  readonly describe: string;
  /** A one-letter short flag, e.g. "n" for -n. */
  readonly short?: string;
  readonly hidden?: boolean;
  /** Also read from this environment variable when the flag is absent. */
  readonly env?: string;
}

interface StringOption extends OptionBase {
  readonly kind: "string";
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly default?: string;
}
interface IntOption extends OptionBase {
  readonly kind: "int";
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}
interface BooleanOption extends OptionBase {
  readonly kind: "boolean";
  /**
   * Also accept `--no-<flag>`: the value is true, false, or undefined when neither was given
   * (for settings a command only changes when asked, e.g. `--auto-accept` / `--no-auto-accept`).
   */
  readonly negatable?: boolean;
  /** Help for `--no-<flag>` (default: derived from `describe`). */
  readonly negatedDescribe?: string;
}
interface EnumOption<C extends string = string> extends OptionBase {
  readonly kind: "enum";
  readonly choices: readonly C[];
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly default?: C;
}
/** Repeatable and comma-separated: `--group a --group b,c` -> ["a", "b", "c"]. Not variadic: `--to a file` leaves `file` to the arguments. */
interface ListOption extends OptionBase {
  readonly kind: "list";
  readonly placeholder?: string;
  readonly required?: boolean;
}
/** `90s`, `15m`, `2h`: parsed to milliseconds. */
interface DurationOption extends OptionBase {
  readonly kind: "duration";
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly default?: string;
}

export type OptionSpec = StringOption | IntOption | BooleanOption | EnumOption | ListOption | DurationOption;
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

export interface ArgSpec {
  readonly name: string;
  readonly describe: string;
  /** Arguments are required unless `required: false`. */
  readonly required?: boolean;
  readonly variadic?: boolean;
}

type ValueOf<S extends OptionSpec> = S extends { kind: "string" }
  ? string
  : S extends { kind: "int" }
    ? number
    : S extends { kind: "boolean" }
      ? boolean
      : S extends { kind: "enum"; choices: readonly (infer C)[] }
        ? C
        : S extends { kind: "list" }
          ? string[]
          : S extends { kind: "duration" }
            ? number
            : never;

type AlwaysSet<S extends OptionSpec> = S extends { kind: "boolean"; negatable: true }
  ? false
  : S extends { kind: "boolean" } | { kind: "list" } | { required: true } | { default: unknown }
    ? true
    : false;

type InferOptions<O extends OptionsSpec> = {
  -readonly [K in keyof O as AlwaysSet<O[K]> extends true ? K : never]: ValueOf<O[K]>;
} & {
  -readonly [K in keyof O as AlwaysSet<O[K]> extends true ? never : K]?: ValueOf<O[K]>;
};

type ArgValue<A extends ArgSpec> = A extends { variadic: true }
  ? string[]
  : A extends { required: false }
    ? string | undefined
    : string;

type InferArgs<A extends readonly ArgSpec[]> = { -readonly [I in A[number] as I["name"]]: ArgValue<I> };

type CommandInput<O extends OptionsSpec, A extends readonly ArgSpec[], M extends boolean> = InferArgs<A> &
  InferOptions<O> &
  (M extends true ? { dryRun: boolean } : unknown);

/** A command is data plus a run function that never sees the parser (DESIGN.md section 2). */
export interface CommandSpec<
  O extends OptionsSpec = OptionsSpec,
  A extends readonly ArgSpec[] = readonly ArgSpec[],
  M extends boolean = boolean,
> {
  readonly kind?: "command";
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Sentence case, no period: shown in the parent's command list. */
  readonly summary: string;
  /** Longer help, shown under the usage line. */
  readonly description?: string;
  /** `wmctl ...` lines, shown in --help and the man page. */
  readonly examples?: readonly string[];
  readonly args?: A;
  readonly options?: O;
  /** What the command prints; enables --fields checking and the output formats. */
  readonly output?: OutputSpec;
  /** A mutating verb: gets --dry-run. */
  readonly mutating?: M;
  run(ctx: CommandContext, input: CommandInput<O, A, M>): Promise<void>;
}

export interface GroupSpec {
  readonly kind: "group";
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly commands: readonly AnySpec[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of commands whatever their option types
export type AnyCommandSpec = CommandSpec<any, any, any>;
export type AnySpec = AnyCommandSpec | GroupSpec;

export function defineCommand<
  const O extends OptionsSpec = Record<never, never>,
  const A extends readonly ArgSpec[] = [],
  const M extends boolean = false,
>(spec: CommandSpec<O, A, M>): CommandSpec<O, A, M> {
  return spec;
}

export function defineGroup(spec: Omit<GroupSpec, "kind">): GroupSpec {
  return { kind: "group", ...spec };
}

export function isGroup(spec: AnySpec): spec is GroupSpec {
  return spec.kind === "group";
}

/** `hostedZone` -> `hosted-zone`. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * A top-level command known by name and summary only, loaded when argv names it
 * (src/cli/command-tree.ts): `wmctl --help` and `wmctl user list` never load the other commands.
 */
export interface LazySpec {
  readonly kind: "lazy";
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  load(): Promise<AnySpec>;
}

export function lazyCommand(
  meta: { readonly name: string; readonly aliases?: readonly string[]; readonly summary: string },
  load: () => Promise<AnySpec>,
): LazySpec {
  return { kind: "lazy", ...meta, load };
}
