import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, type Env } from "./paths.js";

/**
 * Names a shell completes without starting wmctl: each kind is a plain file of one word per line
 * under `<data dir>/completion/`, rewritten by the list command that shows them. A TAB then costs
 * one file read in the shell (the generated scripts read these files directly).
 */
export const DYNAMIC_KINDS = ["users", "groups", "resources", "domains", "orgs"] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

/** The list commands that refresh the cache, and the fields of their rows that are worth a TAB. */
export const CACHE_SOURCES: Readonly<
  Record<string, { readonly kind: DynamicKind; readonly fields: readonly string[] }>
> = {
  "user list": { kind: "users", fields: ["name", "email"] },
  "group list": { kind: "groups", fields: ["name", "email"] },
  "resource list": { kind: "resources", fields: ["name", "email"] },
  "domain list": { kind: "domains", fields: ["domain"] },
  "org list": { kind: "orgs", fields: ["alias"] },
};

/** At most this many words per kind, so a TAB stays one small read in a large organization. */
const MAX_CACHED_WORDS = 20_000;

function completionCacheDir(env: Env): string {
  return join(dataDir(env), "completion");
}

/** A word a shell can offer as is: no white space or control characters. */
function usable(word: unknown): word is string {
  return typeof word === "string" && word !== "" && word.length <= 256 && !/[\s\p{Cc}]/u.test(word);
}

/** The words of one listed row. */
export function wordsOfRow(row: Readonly<Record<string, unknown>>, fields: readonly string[]): string[] {
  return fields.map((f) => row[f]).filter(usable);
}

/**
 * Saves the names a listing showed. A complete listing replaces the kind's file; a filtered one
 * (`user list --state ENABLED`) only adds to it. Written to a temporary file and renamed, so a
 * shell never reads half a file. Best effort: a completion cache never fails the command.
 */
export function saveCompletionWords(env: Env, kind: DynamicKind, words: readonly string[], complete: boolean): void {
  try {
    const dir = completionCacheDir(env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, kind);
    let all = new Set(words.filter(usable));
    if (!complete) {
      try {
        all = new Set([...readFileSync(file, "utf8").split("\n").filter(usable), ...all]);
      } catch {
        // no earlier cache
      }
    }
    const sorted = [...all].sort().slice(0, MAX_CACHED_WORDS);
    // The pid keeps two shells' listings apart; node:crypto stays out of startup.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, sorted.length ? `${sorted.join("\n")}\n` : "", { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // read-only home, full disk: completion is a convenience
  }
}
