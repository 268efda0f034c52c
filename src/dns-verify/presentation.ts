/**
 * DNS presentation format helpers shared by the doctor, `domain records` / `domain apply` and the
 * simulator's Route 53: TXT values as quoted character-strings of at most 255 bytes.
 */

/** The longest character-string a TXT record can hold (one length octet). */
const MAX_CHARACTER_STRING = 255;

/** ["a", "b"] -> `"a" "b"`, escaping quotes and backslashes. */
function formatCharacterStrings(strings: readonly string[]): string {
  return strings.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(" ");
}

/**
 * A long TXT value as Route 53 wants it: quoted, split into character-strings of at most 255
 * bytes (DKIM keys are the usual case). Never splits inside a UTF-8 sequence.
 */
export function quoteTxt(text: string): string {
  return formatCharacterStrings(splitCharacterStrings(text));
}

/** Splits text into chunks of at most 255 UTF-8 bytes. */
export function splitCharacterStrings(text: string, max = MAX_CHARACTER_STRING): string[] {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, "utf8");
    if (size + n > max) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current !== "" || out.length === 0) out.push(current);
  return out;
}

/**
 * `"part one" "part two"` -> ["part one", "part two"]. Route 53 wants TXT values quoted; each
 * character-string is at most 255 bytes; `\"`, `\\` and `\DDD` escapes are understood.
 */
export function parseCharacterStrings(value: string): { strings: string[] } | { problem: string } {
  const strings: string[] = [];
  let i = 0;
  const s = value.trim();
  if (s === "")
    return { problem: "InvalidCharacterString (Value should be enclosed in quotation marks) encountered with ''" };
  while (i < s.length) {
    if (s[i] === " " || s[i] === "\t") {
      i++;
      continue;
    }
    if (s[i] !== '"')
      return {
        problem: `InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${value}'`,
      };
    i++;
    const bytes: number[] = [];
    let closed = false;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '"') {
        closed = true;
        i++;
        break;
      }
      if (c === "\\") {
        const digits = /^\d{3}/.exec(s.slice(i + 1));
        if (digits !== null) {
          bytes.push(Number(digits[0]) & 0xff);
          i += 4;
          continue;
        }
        const next = s[i + 1];
        if (next === undefined) break;
        bytes.push(...Buffer.from(next, "utf8"));
        i += 2;
        continue;
      }
      const cp = s.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, "utf8"));
      i += ch.length;
    }
    if (!closed)
      return {
        problem: `InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${value}'`,
      };
    if (bytes.length > MAX_CHARACTER_STRING) {
      return {
        problem: `CharacterStringTooLong (Value is too long) encountered with '${value.length > 60 ? value.slice(0, 60) + "..." : value}'`,
      };
    }
    strings.push(Buffer.from(bytes).toString("utf8"));
  }
  return { strings };
}

/** "an A", "an MX", "a TXT", "a CNAME": a record type with the article it is read with. */
export function articled(type: string): string {
  return `${/^[AEFHILMNORSX]/.test(type) ? "an" : "a"} ${type}`;
}
