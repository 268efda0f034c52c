import { isIPv4, isIPv6 } from "node:net";

/**
 * Route 53 record values in presentation format (what ChangeResourceRecordSets takes and
 * ListResourceRecordSets returns) <-> typed record data for the DNS server. Pure functions.
 */
export type RecordData =
  | { type: "A" | "AAAA"; address: string }
  | { type: "CNAME" | "NS" | "PTR"; target: string }
  | { type: "MX"; preference: number; exchange: string }
  | { type: "TXT" | "SPF"; strings: string[] }
  | { type: "SRV"; priority: number; weight: number; port: number; target: string }
  | { type: "CAA"; flags: number; tag: string; value: string }
  | { type: "SOA"; primary: string; admin: string; serial: number; refresh: number; retry: number; expiration: number; minimum: number };

/** The longest character-string a TXT record can hold (one length octet). */
export const MAX_CHARACTER_STRING = 255;

/** Parses one value of a record set; returns a problem in Route 53's words when it is invalid. */
export function parseRecordValue(type: string, value: string): RecordData | { problem: string } {
  const v = value.trim();
  switch (type) {
    case "A":
      return isIPv4(v) ? { type, address: v } : { problem: `ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}'` };
    case "AAAA":
      return isIPv6(v) ? { type, address: v } : { problem: `AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}'` };
    case "CNAME":
    case "NS":
    case "PTR":
      return isHostname(v) ? { type, target: bare(v) } : { problem: `DomainLabelEmpty (Domain label is empty) encountered with '${value}'` };
    case "MX": {
      const m = /^(\d{1,5})\s+(\S+)$/.exec(v);
      if (m === null || Number(m[1]) > 65535 || !isHostname(m[2] as string)) {
        return { problem: `Invalid Resource Record: FATAL problem: MXRRDATANotTwoFields (MX record must have two fields) encountered with '${value}'` };
      }
      return { type, preference: Number(m[1]), exchange: bare(m[2] as string) };
    }
    case "TXT":
    case "SPF": {
      const strings = parseCharacterStrings(v);
      if ("problem" in strings) return strings;
      return { type, strings: strings.strings };
    }
    case "SRV": {
      const m = /^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)$/.exec(v);
      if (m === null) return { problem: `Invalid Resource Record: FATAL problem: SRVRRDATATooFewFields encountered with '${value}'` };
      return { type, priority: Number(m[1]), weight: Number(m[2]), port: Number(m[3]), target: bare(m[4] as string) };
    }
    case "CAA": {
      const m = /^(\d+)\s+([a-zA-Z0-9]+)\s+"(.*)"$/.exec(v);
      if (m === null) return { problem: `Invalid Resource Record: FATAL problem: CAA record is malformed encountered with '${value}'` };
      return { type, flags: Number(m[1]), tag: m[2] as string, value: m[3] as string };
    }
    case "SOA": {
      const f = v.split(/\s+/);
      if (f.length !== 7 || f.slice(2).some((n) => !/^\d+$/.test(n))) return { problem: `Invalid Resource Record: SOA record is malformed encountered with '${value}'` };
      const [primary, admin, serial, refresh, retry, expiration, minimum] = f as [string, string, string, string, string, string, string];
      return { type, primary: bare(primary), admin: bare(admin), serial: +serial, refresh: +refresh, retry: +retry, expiration: +expiration, minimum: +minimum };
    }
    default:
      return { problem: `Unsupported record type ${type} in the local Route 53` };
  }
}

/**
 * `"part one" "part two"` -> ["part one", "part two"]. Route 53 wants TXT values quoted; each
 * character-string is at most 255 bytes; `\"`, `\\` and `\DDD` escapes are understood.
 */
export function parseCharacterStrings(value: string): { strings: string[] } | { problem: string } {
  const strings: string[] = [];
  let i = 0;
  const s = value.trim();
  if (s === "") return { problem: "InvalidCharacterString (Value should be enclosed in quotation marks) encountered with ''" };
  while (i < s.length) {
    if (s[i] === " " || s[i] === "\t") {
      i++;
      continue;
    }
    if (s[i] !== '"') return { problem: `InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${value}'` };
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
    if (!closed) return { problem: `InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${value}'` };
    if (bytes.length > MAX_CHARACTER_STRING) {
      return { problem: `CharacterStringTooLong (Value is too long) encountered with '${value.length > 60 ? value.slice(0, 60) + "..." : value}'` };
    }
    strings.push(Buffer.from(bytes).toString("utf8"));
  }
  return { strings };
}

/** ["a", "b"] -> `"a" "b"`, escaping quotes and backslashes. */
export function formatCharacterStrings(strings: readonly string[]): string {
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

function isHostname(v: string): boolean {
  const name = bare(v);
  if (name === "" || name.length > 253) return false;
  return name.split(".").every((l) => l.length > 0 && l.length <= 63 && /^[a-zA-Z0-9_*-]+$/.test(l));
}

function bare(name: string): string {
  return name.replace(/\.$/, "").toLowerCase();
}
