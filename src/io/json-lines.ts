import { existsSync, readFileSync } from "node:fs";

/**
 * Replays an append-only JSON-lines file (the export and migration ledgers): each line is parsed
 * and handed to `apply`; a line cut short by a crash is skipped. Returns whether the file ends in
 * such a partial line, so the next write can start on a new line.
 */
export function replayJsonLines<E>(file: string, apply: (event: E) => void): { partialLastLine: boolean } {
  if (!existsSync(file)) return { partialLastLine: false };
  const text = readFileSync(file, "utf8");
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let event: E;
    try {
      event = JSON.parse(line) as E;
    } catch {
      continue; // A line cut short by a crash.
    }
    apply(event);
  }
  return { partialLastLine: text !== "" && !text.endsWith("\n") };
}
