import { UsageError } from "../errors/cli-error.js";

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * `--map-domain OLD=NEW`: the mail domains of an inventory rewritten for the target
 * organization (a domain that is not verified there cannot carry addresses). Only whole domains
 * are rewritten: `example.com` and `bob@example.com`, never `mail.example.com`.
 */
export class DomainMap {
  private constructor(private readonly map: ReadonlyMap<string, string>) {}

  static readonly none = new DomainMap(new Map());

  /** Parses `OLD=NEW` pairs; a malformed pair, or one domain mapped twice, is a usage error. */
  static parse(specs: readonly string[]): DomainMap {
    const map = new Map<string, string>();
    for (const spec of specs) {
      const eq = spec.indexOf("=");
      const from = spec.slice(0, eq).trim().toLowerCase().replace(/\.$/, "");
      const to = spec
        .slice(eq + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, "");
      if (eq < 0 || from === "" || to === "")
        throw new UsageError(
          `--map-domain "${spec}" is not OLD=NEW`,
          "e.g. --map-domain example.com=rehearsal.awsapps.com",
        );
      for (const d of [from, to])
        if (!DOMAIN.test(d)) throw new UsageError(`--map-domain: "${d}" is not a domain name`);
      const before = map.get(from);
      if (before !== undefined && before !== to)
        throw new UsageError(`--map-domain maps ${from} twice (to ${before} and to ${to})`);
      map.set(from, to);
    }
    return new DomainMap(map);
  }

  /** This map plus `from -> to`, unless `from` is already mapped (an explicit --map-domain wins). */
  withDefault(from: string, to: string): DomainMap {
    const f = from.toLowerCase();
    if (this.map.has(f) || f === to.toLowerCase()) return this;
    return new DomainMap(new Map([...this.map, [f, to.toLowerCase()]]));
  }

  get size(): number {
    return this.map.size;
  }

  entries(): [string, string][] {
    return [...this.map.entries()];
  }

  has(domain: string): boolean {
    return this.map.has(domain.toLowerCase());
  }

  domain(domain: string): string {
    return this.map.get(domain.toLowerCase()) ?? domain;
  }

  /** `bob@example.com` -> `bob@new.example`; addresses are case-insensitive, written lower-case. */
  address(address: string): string {
    const at = address.lastIndexOf("@");
    if (at < 0) return address;
    const to = this.map.get(address.slice(at + 1).toLowerCase());
    return to === undefined ? address : `${address.slice(0, at).toLowerCase()}@${to}`;
  }

  /** Rewrites every string of a JSON value that is a mapped domain or an address on one. */
  deep<T>(value: T): T {
    if (this.map.size === 0) return value;
    return this.rewrite(value) as T;
  }

  private rewrite(value: unknown): unknown {
    if (typeof value === "string") {
      const mapped = this.map.get(value.toLowerCase());
      if (mapped !== undefined) return mapped;
      return value.includes("@") ? this.address(value) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewrite(v)]));
    }
    return value;
  }
}

export function domainOfAddress(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
