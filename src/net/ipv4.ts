/**
 * IPv4 addresses and CIDR ranges, as access control rules use them: parsed strictly (four decimal
 * octets 0-255 without leading zeros, a prefix length 0-32), with a one-line reason when a value is
 * not one. Used by the simulator to evaluate rules and by commands to check flags before any call.
 */

export interface Ipv4Range {
  /** The range as written. */
  readonly text: string;
  /** The network address, as a 32-bit unsigned integer. */
  readonly network: number;
  readonly prefixLength: number;
  /** The address as written had bits set beyond the prefix (10.0.0.1/8 means 10.0.0.0/8). */
  readonly hostBitsSet: boolean;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Parses a dotted-quad IPv4 address into a 32-bit unsigned integer. */
export function parseIpv4(text: string): Parsed<number> {
  const slash = text.indexOf("/");
  if (slash >= 0)
    return {
      ok: false,
      reason: `"${text}" is a range, not an address: give one address, e.g. ${text.slice(0, slash)}`,
    };
  const parts = text.split(".");
  if (parts.length !== 4)
    return { ok: false, reason: `"${text}" is not an IPv4 address (four numbers 0-255 separated by dots)` };
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) {
      return {
        ok: false,
        reason:
          p === ""
            ? `"${text}" has an empty part`
            : `"${p}" in "${text}" is not a number 0-255 (no signs, spaces or leading zeros)`,
      };
    }
    const octet = Number(p);
    if (octet > 255) return { ok: false, reason: `${octet} in "${text}" is larger than 255` };
    n = n * 256 + octet;
  }
  return { ok: true, value: n };
}

/** Parses `a.b.c.d/len`. A bare address is refused: the service wants a range (a.b.c.d/32 for one). */
export function parseCidr(text: string): Parsed<Ipv4Range> {
  const slash = text.indexOf("/");
  if (slash < 0) {
    const asAddress = parseIpv4(text);
    return {
      ok: false,
      reason: asAddress.ok
        ? `"${text}" is an address, not a range: write ${text}/32 for this one address`
        : asAddress.reason,
    };
  }
  const address = parseIpv4(text.slice(0, slash));
  if (!address.ok) return address;
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lenText) || Number(lenText) > 32) {
    return { ok: false, reason: `the prefix length in "${text}" must be a whole number 0-32` };
  }
  const prefixLength = Number(lenText);
  const mask = maskOf(prefixLength);
  const network = (address.value & mask) >>> 0;
  return { ok: true, value: { text, network, prefixLength, hostBitsSet: network !== address.value } };
}

/** Whether `address` (a 32-bit integer) lies in `range`. */
export function rangeContains(range: Ipv4Range, address: number): boolean {
  return (address & maskOf(range.prefixLength)) >>> 0 === range.network;
}

/** The range with its host bits cleared, as text: 10.0.0.1/8 -> 10.0.0.0/8. */
export function canonicalCidr(range: Ipv4Range): string {
  return `${formatIpv4(range.network)}/${range.prefixLength}`;
}

function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}
