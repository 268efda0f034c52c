import { Command } from "commander";
import type { AnySpec, LazySpec } from "./define-command.js";
import { addGlobalOptions } from "./global-options.js";

/** The long and short flags of the global options that take a value (`--org acme`, `-o json`). */
export function globalValueFlags(): Set<string> {
  const program = new Command();
  addGlobalOptions(program);
  const flags = new Set<string>();
  for (const o of program.options) {
    if (!o.required && !o.optional) continue;
    if (o.long) flags.add(o.long);
    if (o.short) flags.add(o.short);
  }
  return flags;
}

/**
 * The top-level command names argv selects: its first positional word, and for `help X` also X.
 * Global options before the command are skipped with their values.
 */
export function selectedNames(argv: readonly string[], flagsWithValue: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (!a.includes("=") && flagsWithValue.has(a)) i++;
      continue;
    }
    words.push(a);
    if (words[0] !== "help") break;
  }
  return words;
}

/** Loads the commands argv names; the others stay lazy (name and summary for the help). */
export async function loadSelected(
  tree: readonly LazySpec[],
  argv: readonly string[],
  flagsWithValue: ReadonlySet<string>,
): Promise<Array<AnySpec | LazySpec>> {
  const names = new Set(selectedNames(argv, flagsWithValue));
  const matches = (s: LazySpec) => names.has(s.name) || (s.aliases ?? []).some((a) => names.has(a));
  return Promise.all(tree.map((s) => (matches(s) ? s.load() : s)));
}

/** Every command, loaded (the man page, tests). */
export function loadAll(tree: readonly LazySpec[]): Promise<AnySpec[]> {
  return Promise.all(tree.map((s) => s.load()));
}
