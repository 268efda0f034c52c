import type { Db } from "../store/database.js";

/** One stored record set (the row of `record_sets`). */
export interface RecordSetRow {
  zone_id: string;
  name: string;
  type: string;
  set_identifier: string;
  sort_key: string;
  ttl: number | null;
  record_values: string;
  alias_target: string | null;
  updated_at: number;
}

export interface HostedZoneRow {
  seq: number;
  id: string;
  name: string;
  caller_reference: string;
  comment: string | null;
  private_zone: number;
  sort_key: string;
  created_at: number;
}

/** `www.example.com.` -> `com.example.www` (Route 53 lists names in this order). */
export function sortKeyOf(fqdnName: string): string {
  return fqdnName.replace(/\.$/, "").split(".").reverse().join(".");
}

/** `a.b.example.com.` -> [`a.b.example.com.`, `b.example.com.`, `example.com.`, `com.`]. */
function suffixesOf(fqdnName: string): string[] {
  const labels = fqdnName.replace(/\.$/, "").split(".");
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) out.push(`${labels.slice(i).join(".")}.`);
  return out;
}

export function recordValues(row: RecordSetRow): string[] {
  return JSON.parse(row.record_values) as string[];
}

/**
 * Read access to the zones for the DNS server and the simulator's own verification: which public
 * zone is authoritative for a name, and what it holds there. Plain SELECTs, no transaction needed.
 */
export class ZoneReader {
  constructor(private readonly db: Db) {}

  /** The most specific public zone containing `name` (the oldest if several share its name). */
  zoneFor(name: string): HostedZoneRow | undefined {
    const suffixes = suffixesOf(name);
    const placeholders = suffixes.map(() => "?").join(", ");
    return this.db
      .prepare<string[], HostedZoneRow>(
        `SELECT * FROM hosted_zones WHERE private_zone = 0 AND name IN (${placeholders}) ORDER BY length(name) DESC, seq ASC LIMIT 1`,
      )
      .get(...suffixes);
  }

  /** Every record set at exactly `name` in the zone. */
  recordSetsAt(zoneId: string, name: string): RecordSetRow[] {
    return this.db
      .prepare<[string, string], RecordSetRow>(
        "SELECT * FROM record_sets WHERE zone_id = ? AND name = ? ORDER BY type, set_identifier",
      )
      .all(zoneId, name);
  }

  /** Whether some record lives below `name` (then `name` is an empty non-terminal: NODATA, not NXDOMAIN). */
  hasNamesBelow(zoneId: string, name: string): boolean {
    const row = this.db
      .prepare<[string, number, string], { n: number }>(
        "SELECT 1 AS n FROM record_sets WHERE zone_id = ? AND substr(name, ?) = ? LIMIT 1",
      )
      .get(zoneId, -(name.length + 1), `.${name}`);
    return row !== undefined;
  }

  soaOf(zoneId: string, zoneName: string): RecordSetRow | undefined {
    return this.db
      .prepare<[string, string], RecordSetRow>(
        "SELECT * FROM record_sets WHERE zone_id = ? AND name = ? AND type = 'SOA'",
      )
      .get(zoneId, zoneName);
  }
}
