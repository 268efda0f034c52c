import { isIPv4, isIPv6 } from "node:net";
import { parseCharacterStrings } from "../../dns-verify/presentation.js";

export {
  parseCharacterStrings,
  quoteTxt,
  splitCharacterStrings,
} from "../../dns-verify/presentation.js";

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
  | {
      type: "SOA";
      primary: string;
      admin: string;
      serial: number;
      refresh: number;
      retry: number;
      expiration: number;
      minimum: number;
    };

/** Parses one value of a record set; returns a problem in Route 53's words when it is invalid. */
export function parseRecordValue(type: string, value: string): RecordData | { problem: string } {
  const v = value.trim();
  switch (type) {
    case "A":
      return isIPv4(v)
        ? { type, address: v }
        : { problem: `ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}'` };
    case "AAAA":
      return isIPv6(v)
        ? { type, address: v }
        : { problem: `AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}'` };
    case "CNAME":
    case "NS":
    case "PTR":
      return isHostname(v)
        ? { type, target: bare(v) }
        : { problem: `DomainLabelEmpty (Domain label is empty) encountered with '${value}'` };
    case "MX": {
      const m = /^(\d{1,5})\s+(\S+)$/.exec(v);
      if (m === null || Number(m[1]) > 65535 || !isHostname(m[2] as string)) {
        return {
          problem: `Invalid Resource Record: FATAL problem: MXRRDATANotTwoFields (MX record must have two fields) encountered with '${value}'`,
        };
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
      if (m === null)
        return { problem: `Invalid Resource Record: FATAL problem: SRVRRDATATooFewFields encountered with '${value}'` };
      return { type, priority: Number(m[1]), weight: Number(m[2]), port: Number(m[3]), target: bare(m[4] as string) };
    }
    case "CAA": {
      const m = /^(\d+)\s+([a-zA-Z0-9]+)\s+"(.*)"$/.exec(v);
      if (m === null)
        return {
          problem: `Invalid Resource Record: FATAL problem: CAA record is malformed encountered with '${value}'`,
        };
      return { type, flags: Number(m[1]), tag: m[2] as string, value: m[3] as string };
    }
    case "SOA": {
      const f = v.split(/\s+/);
      if (f.length !== 7 || f.slice(2).some((n) => !/^\d+$/.test(n)))
        return { problem: `Invalid Resource Record: SOA record is malformed encountered with '${value}'` };
      const [primary, admin, serial, refresh, retry, expiration, minimum] = f as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        type,
        primary: bare(primary),
        admin: bare(admin),
        serial: +serial,
        refresh: +refresh,
        retry: +retry,
        expiration: +expiration,
        minimum: +minimum,
      };
    }
    default:
      return { problem: `Unsupported record type ${type} in the local Route 53` };
  }
}

function isHostname(v: string): boolean {
  const name = bare(v);
  if (name === "" || name.length > 253) return false;
  return name.split(".").every((l) => l.length > 0 && l.length <= 63 && /^[a-zA-Z0-9_*-]+$/.test(l));
}

function bare(name: string): string {
  return name.replace(/\.$/, "").toLowerCase();
}
