import { UsageError } from "../../errors/cli-error.js";
import { canonicalCidr, parseCidr } from "../../net/ipv4.js";

/** The protocols of access control rules, as the service spells them, with the names admins type. */
export const PROTOCOLS = ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"] as const;

const ALIASES: Record<string, (typeof PROTOCOLS)[number]> = {
  eas: "ActiveSync",
  outlook: "WindowsOutlook",
  "outlook-for-windows": "WindowsOutlook",
  web: "WebMail",
};

/** `imap` -> `IMAP`, `outlook` -> `WindowsOutlook`; a usage error naming the valid ones otherwise. */
export function parseProtocol(value: string, flag: string): string {
  const lower = value.trim().toLowerCase();
  const hit = PROTOCOLS.find((p) => p.toLowerCase() === lower) ?? ALIASES[lower];
  if (hit === undefined)
    throw new UsageError(`${flag}: unknown protocol "${value}"`, `use one of: ${PROTOCOLS.join(", ")}`);
  return hit;
}

export function parseProtocols(values: readonly string[], flag: string): string[] | undefined {
  return values.length === 0 ? undefined : [...new Set(values.map((v) => parseProtocol(v, flag)))];
}

/**
 * Checks IPv4 CIDR ranges before anything is sent: a bare address, a bad octet or prefix length is a
 * usage error with the reason; a range with host bits set is accepted with a warning naming the
 * range it really covers.
 */
export function parseRanges(values: readonly string[], flag: string, warn: (m: string) => void): string[] | undefined {
  if (values.length === 0) return undefined;
  return values.map((v) => {
    const r = parseCidr(v.trim());
    if (!r.ok)
      throw new UsageError(
        `${flag}: ${r.reason}`,
        "write IPv4 ranges in CIDR notation, e.g. 10.0.0.0/8 or 192.0.2.10/32",
      );
    if (r.value.hostBitsSet) warn(`${flag} ${v} has host bits set: it covers ${canonicalCidr(r.value)}`);
    return v.trim();
  });
}
