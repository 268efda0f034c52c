import { randomBytes } from "node:crypto";
import type {
  AliasTarget,
  Change,
  ChangeInfo,
  ChangeResourceRecordSetsRequest,
  ChangeResourceRecordSetsResponse,
  CreateHostedZoneRequest,
  CreateHostedZoneResponse,
  GetChangeRequest,
  GetChangeResponse,
  HostedZone,
  ListHostedZonesByNameRequest,
  ListHostedZonesByNameResponse,
  ListResourceRecordSetsRequest,
  ListResourceRecordSetsResponse,
  ResourceRecordSet,
  RRType,
} from "@aws-sdk/client-route-53";
import { bareChangeId, bareZoneId, fqdn, type HostedZonesApi } from "../../backend/hosted-zones.js";
import { recheckDomainsInZone } from "../operations/domains.js";
import type { Sim } from "../sim.js";
import { parseRecordValue } from "./record-values.js";
import { route53Fail } from "./route53-errors.js";
import { recordValues, sortKeyOf, type HostedZoneRow, type RecordSetRow } from "./zone-store.js";

/** The name servers of every local zone: under `localhost.`, so they resolve to loopback (RFC 6761). */
export const LOCAL_NAME_SERVERS = ["ns-1.wmctl.localhost", "ns-2.wmctl.localhost"] as const;

const SUPPORTED_TYPES = new Set(["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SOA", "SPF", "SRV", "TXT"]);

type Tx = <T>(fn: (sim: Sim) => T) => T;

function newRoute53Id(prefix: "Z" | "C"): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(20);
  return prefix + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

function zoneView(row: HostedZoneRow, count: number): HostedZone {
  return {
    Id: `/hostedzone/${row.id}`,
    Name: row.name,
    CallerReference: row.caller_reference,
    Config: { PrivateZone: row.private_zone === 1, ...(row.comment === null ? {} : { Comment: row.comment }) },
    ResourceRecordSetCount: count,
  };
}

function recordSetView(row: RecordSetRow): ResourceRecordSet {
  return {
    Name: row.name,
    Type: row.type as RRType,
    ...(row.set_identifier === "" ? {} : { SetIdentifier: row.set_identifier }),
    ...(row.ttl === null ? {} : { TTL: row.ttl }),
    ...(row.alias_target === null
      ? { ResourceRecords: recordValues(row).map((Value) => ({ Value })) }
      : { AliasTarget: JSON.parse(row.alias_target) as AliasTarget }),
  };
}

/** A domain name Route 53 accepts for a zone (labels of letters, digits, hyphens, underscores). */
function checkZoneName(name: string): void {
  const bare = name.replace(/\.$/, "");
  const labels = bare.split(".");
  const ok =
    bare.length > 0 &&
    bare.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l));
  if (!ok) throw route53Fail.invalidDomainName(`${name} is not a valid domain name`);
}

/**
 * The simulator's Route 53: hosted zones and record sets in the store, with Route 53's semantics
 * (CREATE/UPSERT/DELETE, atomic batches, InvalidChangeBatch with every problem listed, PENDING ->
 * INSYNC changes on the simulator clock). The DNS server answers from the same tables.
 */
export class LocalHostedZones implements HostedZonesApi {
  readonly kind = "local" as const;

  constructor(private readonly tx: Tx) {}

  async createHostedZone(input: CreateHostedZoneRequest): Promise<CreateHostedZoneResponse> {
    const name = fqdn(input.Name ?? "");
    checkZoneName(name);
    if (input.CallerReference === undefined || input.CallerReference === "")
      throw route53Fail.invalidInput("CallerReference is required");
    if (input.HostedZoneConfig?.PrivateZone === true || input.VPC !== undefined) {
      throw route53Fail.invalidInput("The local Route 53 serves public hosted zones only.");
    }
    return this.tx((sim) => {
      const previous = sim.db
        .prepare<[string], HostedZoneRow>("SELECT * FROM hosted_zones WHERE caller_reference = ?")
        .get(input.CallerReference as string);
      if (previous !== undefined) throw route53Fail.hostedZoneAlreadyExists(previous.name, previous.caller_reference);
      const id = newRoute53Id("Z");
      const now = sim.now.getTime();
      sim.db
        .prepare(
          "INSERT INTO hosted_zones (id, name, caller_reference, comment, sort_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(id, name, input.CallerReference as string, input.HostedZoneConfig?.Comment ?? null, sortKeyOf(name), now);
      const ns = LOCAL_NAME_SERVERS.map((n) => `${n}.`);
      this.putRecordSet(sim, id, {
        Name: name,
        Type: "SOA",
        TTL: 900,
        ResourceRecords: [{ Value: `${ns[0]} hostmaster.wmctl.localhost. 1 7200 900 1209600 86400` }],
      });
      this.putRecordSet(sim, id, {
        Name: name,
        Type: "NS",
        TTL: 172800,
        ResourceRecords: ns.map((Value) => ({ Value })),
      });
      const change = this.recordChange(sim, id, undefined);
      const row = sim.db
        .prepare<[string], HostedZoneRow>("SELECT * FROM hosted_zones WHERE id = ?")
        .get(id) as HostedZoneRow;
      return {
        Location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`,
        HostedZone: zoneView(row, 2),
        ChangeInfo: change,
        DelegationSet: { NameServers: [...LOCAL_NAME_SERVERS] },
      };
    });
  }

  async listHostedZonesByName(input: ListHostedZonesByNameRequest): Promise<ListHostedZonesByNameResponse> {
    const maxItems = Math.min(Math.max(Number(input.MaxItems ?? 100), 1), 100);
    return this.tx((sim) => {
      const start = input.DNSName === undefined ? "" : sortKeyOf(fqdn(input.DNSName));
      const startId = input.HostedZoneId === undefined ? "" : bareZoneId(input.HostedZoneId);
      const rows = sim.db
        .prepare<[string, string, string, number], HostedZoneRow>(
          "SELECT * FROM hosted_zones WHERE sort_key > ? OR (sort_key = ? AND id >= ?) ORDER BY sort_key, id LIMIT ?",
        )
        .all(start, start, startId, maxItems + 1);
      const page = rows.slice(0, maxItems);
      const next = rows[maxItems];
      return {
        HostedZones: page.map((r) => zoneView(r, this.countRecordSets(sim, r.id))),
        ...(input.DNSName === undefined ? {} : { DNSName: input.DNSName }),
        ...(input.HostedZoneId === undefined ? {} : { HostedZoneId: input.HostedZoneId }),
        IsTruncated: next !== undefined,
        ...(next === undefined ? {} : { NextDNSName: next.name, NextHostedZoneId: next.id }),
        MaxItems: maxItems,
      };
    });
  }

  async listResourceRecordSets(input: ListResourceRecordSetsRequest): Promise<ListResourceRecordSetsResponse> {
    const zoneId = bareZoneId(input.HostedZoneId ?? "");
    const maxItems = Math.min(Math.max(Number(input.MaxItems ?? 300), 1), 300);
    return this.tx((sim) => {
      this.requireZone(sim, zoneId);
      const startKey = input.StartRecordName === undefined ? "" : sortKeyOf(fqdn(input.StartRecordName));
      const startType = input.StartRecordType ?? "";
      const rows = sim.db
        .prepare<[string, string, string, string, number], RecordSetRow>(
          "SELECT * FROM record_sets WHERE zone_id = ? AND (sort_key > ? OR (sort_key = ? AND type >= ?)) ORDER BY sort_key, type, set_identifier LIMIT ?",
        )
        .all(zoneId, startKey, startKey, startType, maxItems + 1);
      const page = rows.slice(0, maxItems);
      const next = rows[maxItems];
      return {
        ResourceRecordSets: page.map(recordSetView),
        IsTruncated: next !== undefined,
        ...(next === undefined ? {} : { NextRecordName: next.name, NextRecordType: next.type as RRType }),
        MaxItems: maxItems,
      };
    });
  }

  async changeResourceRecordSets(input: ChangeResourceRecordSetsRequest): Promise<ChangeResourceRecordSetsResponse> {
    const zoneId = bareZoneId(input.HostedZoneId ?? "");
    const changes = input.ChangeBatch?.Changes ?? [];
    if (changes.length === 0)
      throw route53Fail.invalidInput("Invalid request: the change batch must contain at least one change");
    if (changes.length > 1000) throw route53Fail.invalidChangeBatch(["Number of records limit of 1000 exceeded."]);
    return this.tx((sim) => {
      const zone = this.requireZone(sim, zoneId);
      const plan = planChanges(sim, zone, changes);
      if (plan.problems.length > 0) throw route53Fail.invalidChangeBatch(plan.problems);
      for (const step of plan.steps) {
        if (step.action === "DELETE") {
          sim.db
            .prepare("DELETE FROM record_sets WHERE zone_id = ? AND name = ? AND type = ? AND set_identifier = ?")
            .run(zone.id, step.name, step.type, step.setId);
        } else {
          this.putRecordSet(sim, zone.id, step.set);
        }
      }
      recheckDomainsInZone(sim, zone.name);
      return { ChangeInfo: this.recordChange(sim, zone.id, input.ChangeBatch?.Comment) };
    });
  }

  async getChange(input: GetChangeRequest): Promise<GetChangeResponse> {
    const id = bareChangeId(input.Id ?? "");
    return this.tx((sim) => {
      const row = sim.db
        .prepare<[string], { id: string; comment: string | null; submitted_at: number; insync_at: number }>(
          "SELECT * FROM zone_changes WHERE id = ?",
        )
        .get(id);
      if (row === undefined) throw route53Fail.noSuchChange(id);
      return {
        ChangeInfo: {
          Id: `/change/${row.id}`,
          Status: sim.now.getTime() >= row.insync_at ? "INSYNC" : "PENDING",
          SubmittedAt: new Date(row.submitted_at),
          ...(row.comment === null ? {} : { Comment: row.comment }),
        },
      };
    });
  }

  private requireZone(sim: Sim, id: string): HostedZoneRow {
    const zone = sim.db.prepare<[string], HostedZoneRow>("SELECT * FROM hosted_zones WHERE id = ?").get(id);
    if (zone === undefined) throw route53Fail.noSuchHostedZone(id);
    return zone;
  }

  private countRecordSets(sim: Sim, zoneId: string): number {
    return (
      sim.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM record_sets WHERE zone_id = ?").get(zoneId)
        ?.n ?? 0
    );
  }

  private putRecordSet(sim: Sim, zoneId: string, set: ResourceRecordSet): void {
    const name = fqdn(set.Name ?? "");
    sim.db
      .prepare(
        `INSERT INTO record_sets (zone_id, name, type, set_identifier, sort_key, ttl, record_values, alias_target, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (zone_id, name, type, set_identifier) DO UPDATE SET
           ttl = excluded.ttl, record_values = excluded.record_values, alias_target = excluded.alias_target, updated_at = excluded.updated_at`,
      )
      .run(
        zoneId,
        name,
        set.Type ?? "",
        set.SetIdentifier ?? "",
        sortKeyOf(name),
        set.TTL ?? null,
        JSON.stringify((set.ResourceRecords ?? []).map((r) => r.Value ?? "")),
        set.AliasTarget === undefined ? null : JSON.stringify(set.AliasTarget),
        sim.now.getTime(),
      );
  }

  private recordChange(sim: Sim, zoneId: string, comment: string | undefined): ChangeInfo {
    const id = newRoute53Id("C");
    const now = sim.now.getTime();
    sim.db
      .prepare("INSERT INTO zone_changes (id, zone_id, comment, submitted_at, insync_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, zoneId, comment ?? null, now, now + sim.lifecycle.route53ChangeSeconds * 1000);
    // Route 53 always answers a change with PENDING; GetChange reports INSYNC once it has propagated.
    return {
      Id: `/change/${id}`,
      Status: "PENDING",
      SubmittedAt: new Date(now),
      ...(comment === undefined ? {} : { Comment: comment }),
    };
  }
}

type Step = { action: "DELETE"; name: string; type: string; setId: string } | { action: "PUT"; set: ResourceRecordSet };

/** Validates a whole batch against the zone as it would be after each change; nothing is written. */
function planChanges(sim: Sim, zone: HostedZoneRow, changes: readonly Change[]): { steps: Step[]; problems: string[] } {
  const problems: string[] = [];
  const steps: Step[] = [];
  // The zone's record sets as the batch goes: key name|type|setId -> values (or alias JSON).
  const state = new Map<string, { values: string[]; alias: string | null; ttl: number | null }>();
  for (const row of sim.db
    .prepare<[string], RecordSetRow>("SELECT * FROM record_sets WHERE zone_id = ?")
    .all(zone.id)) {
    state.set(`${row.name}|${row.type}|${row.set_identifier}`, {
      values: recordValues(row),
      alias: row.alias_target,
      ttl: row.ttl,
    });
  }
  const touched = new Set<string>();
  for (const change of changes) {
    const set: Partial<ResourceRecordSet> = change.ResourceRecordSet ?? {};
    const name = fqdn(set.Name ?? "");
    const type = set.Type ?? "";
    const setId = set.SetIdentifier ?? "";
    const key = `${name}|${type}|${setId}`;
    const label = `[name='${name}', type='${type}'${setId === "" ? "" : `, set-identifier='${setId}'`}]`;
    if (touched.has(key)) {
      problems.push(`The request contains an invalid set of changes for a resource record set '${type} ${name}'`);
      continue;
    }
    touched.add(key);
    if (name !== zone.name && !name.endsWith(`.${zone.name}`)) {
      problems.push(`RRSet with DNS name ${name} is not permitted in zone ${zone.name}`);
      continue;
    }
    if (!SUPPORTED_TYPES.has(type)) {
      problems.push(`Invalid Resource Record: unsupported type ${type} for ${name}`);
      continue;
    }
    const values = (set.ResourceRecords ?? []).map((r) => r.Value ?? "");
    const alias = set.AliasTarget === undefined ? null : JSON.stringify(set.AliasTarget);
    const current = state.get(key);
    if (change.Action === "DELETE") {
      if (current === undefined) {
        problems.push(`Tried to delete resource record set ${label} but it was not found`);
        continue;
      }
      if (
        JSON.stringify(current.values) !== JSON.stringify(values) ||
        current.alias !== alias ||
        (alias === null && current.ttl !== (set.TTL ?? null))
      ) {
        problems.push(
          `Tried to delete resource record set ${label} but the values provided do not match the current values`,
        );
        continue;
      }
      if (name === zone.name && (type === "SOA" || type === "NS")) {
        problems.push(
          type === "SOA"
            ? "A HostedZone must contain exactly one SOA record."
            : "A HostedZone must contain at least one NS record for the zone itself.",
        );
        continue;
      }
      state.delete(key);
      steps.push({ action: "DELETE", name, type, setId });
      continue;
    }
    if (change.Action !== "CREATE" && change.Action !== "UPSERT") {
      problems.push(`Invalid request: unknown action ${String(change.Action)} for ${label}`);
      continue;
    }
    if (change.Action === "CREATE" && current !== undefined) {
      problems.push(`Tried to create resource record set ${label} but it already exists`);
      continue;
    }
    if ((alias === null) === (values.length === 0 || set.TTL === undefined)) {
      problems.push(
        `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=${change.Action}, Name=${name}, Type=${type}, SetIdentifier=${setId === "" ? "null" : setId}]`,
      );
      continue;
    }
    const bad = values.map((v) => parseRecordValue(type, v)).find((d) => "problem" in d);
    if (bad !== undefined && "problem" in bad) {
      problems.push(
        `Invalid Resource Record: FATAL problem: ${bad.problem.replace(/^Invalid Resource Record: FATAL problem: /, "")}`,
      );
      continue;
    }
    if (type === "CNAME" && values.length > 1) {
      problems.push(
        `RRSet of type CNAME with DNS name ${name} is not permitted because a CNAME record set can hold only one value`,
      );
      continue;
    }
    if (type === "CNAME" && name === zone.name) {
      problems.push(`RRSet of type CNAME with DNS name ${name} is not permitted at apex in zone ${zone.name}`);
      continue;
    }
    state.set(key, { values, alias, ttl: set.TTL ?? null });
    steps.push({ action: "PUT", set: { ...set, Name: name, Type: type as RRType } });
  }
  // A CNAME cannot share its name with any other record set (checked on the zone after the batch).
  const typesByName = new Map<string, Set<string>>();
  for (const key of state.keys()) {
    const [n, t] = key.split("|") as [string, string];
    (typesByName.get(n) ?? typesByName.set(n, new Set()).get(n))?.add(t);
  }
  for (const [n, types] of typesByName) {
    if (types.has("CNAME") && types.size > 1 && [...touched].some((k) => k.startsWith(`${n}|`))) {
      problems.push(
        `RRSet of type CNAME with DNS name ${n} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`,
      );
    }
  }
  return { steps, problems };
}
