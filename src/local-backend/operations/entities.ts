import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import type { Sim } from "../sim.js";
import { passwordProblem } from "../../backend/password-policy.js";
import { fail } from "../errors.js";
import { startPage } from "../pagination.js";

export type EntityType = "USER" | "GROUP" | "RESOURCE";
type EntityState = "ENABLED" | "DISABLED" | "DELETED";

export interface EntityRow {
  seq: number;
  org_id: string;
  id: string;
  type: EntityType;
  name: string;
  email: string | null;
  display_name: string | null;
  state: EntityState;
  role: string | null;
  created_at: number;
  enabled_at: number | null;
  disabled_at: number | null;
  mailbox_provisioned_at: number | null;
  mailbox_deprovisioned_at: number | null;
  hidden_from_gal: number;
  password_hash: string | null;
  password_set_at: number | null;
  attrs: string;
}

const KIND: Record<EntityType, string> = { USER: "user", GROUP: "group", RESOURCE: "resource" };

/**
 * Finds an entity by id, name or email address (any of its addresses), as the service's
 * EntityIdentifier members accept. Deleted entities are found by id only.
 */
export function findEntity(
  sim: Sim,
  orgId: string,
  identifier: string,
  types?: readonly EntityType[],
): EntityRow | undefined {
  const db = sim.db;
  let row = db
    .prepare<[string, string], EntityRow>("SELECT * FROM entities WHERE org_id = ? AND id = ?")
    .get(orgId, identifier);
  if (row === undefined && identifier.includes("@")) {
    row = db
      .prepare<[string, string], EntityRow>(
        "SELECT e.* FROM addresses a JOIN entities e ON e.org_id = a.org_id AND e.id = a.entity_id WHERE a.org_id = ? AND a.address = lower(?)",
      )
      .get(orgId, identifier);
  }
  if (row === undefined) {
    row = db
      .prepare<[string, string], EntityRow>(
        "SELECT * FROM entities WHERE org_id = ? AND lower(name) = lower(?) AND state <> 'DELETED'",
      )
      .get(orgId, identifier);
  }
  if (row !== undefined && types !== undefined && !types.includes(row.type)) return undefined;
  return row;
}

/** Like findEntity, but an unknown identifier is the service's EntityNotFoundException. */
export function requireEntity(sim: Sim, orgId: string, identifier: string, types?: readonly EntityType[]): EntityRow {
  const row = findEntity(sim, orgId, identifier, types);
  if (row === undefined) {
    const what = types?.length === 1 ? KIND[types[0] as EntityType] : "entity";
    throw fail.entityNotFound(`The ${what} ${identifier} does not exist in organization ${orgId}.`);
  }
  return row;
}

/**
 * For the members the model types as WorkMailIdentifier (CreateAlias, DeleteAlias, ListAliases,
 * ResetPassword ...): the service takes the entity's id there, not a name or an address.
 */
export function requireEntityById(sim: Sim, orgId: string, id: string, types?: readonly EntityType[]): EntityRow {
  const row = sim.db
    .prepare<[string, string], EntityRow>("SELECT * FROM entities WHERE org_id = ? AND id = ?")
    .get(orgId, id);
  if (row === undefined || (types !== undefined && !types.includes(row.type))) {
    const what = types?.length === 1 ? KIND[types[0] as EntityType] : "entity";
    throw fail.entityNotFound(`The ${what} ${id} does not exist in organization ${orgId}.`);
  }
  return row;
}

/** Like requireEntity, but a deleted entity is the service's EntityStateException ("The group sales is deleted."). */
export function requireLiveEntity(
  sim: Sim,
  orgId: string,
  identifier: string,
  types?: readonly EntityType[],
): EntityRow {
  const row = requireEntity(sim, orgId, identifier, types);
  if (row.state === "DELETED") throw fail.entityState(`The ${KIND[row.type]} ${row.name} is deleted.`);
  return row;
}

/**
 * DeleteUser, DeleteGroup and DeleteResource: only a DISABLED entity is deleted (EntityStateException
 * otherwise); an already deleted one is left as it is.
 */
export function deleteDisabledEntity(sim: Sim, orgId: string, row: EntityRow): void {
  if (row.state === "DELETED") return;
  if (row.state !== "DISABLED") {
    throw fail.entityState(
      `The ${KIND[row.type]} ${row.name} is ${row.state}; disable (deregister) the ${KIND[row.type]} before deleting it.`,
    );
  }
  markDeleted(sim, orgId, row.id);
}

/** Deletes an entity for good: its addresses, memberships and delegations go with it. */
function markDeleted(sim: Sim, orgId: string, entityId: string): void {
  const db = sim.db;
  db.prepare("UPDATE entities SET state = 'DELETED', email = NULL WHERE org_id = ? AND id = ?").run(orgId, entityId);
  db.prepare("DELETE FROM addresses WHERE org_id = ? AND entity_id = ?").run(orgId, entityId);
  db.prepare("DELETE FROM group_members WHERE org_id = ? AND (group_id = ? OR member_id = ?)").run(
    orgId,
    entityId,
    entityId,
  );
  db.prepare("DELETE FROM resource_delegates WHERE org_id = ? AND (resource_id = ? OR entity_id = ?)").run(
    orgId,
    entityId,
    entityId,
  );
}

export function kindOf(row: EntityRow): string {
  return KIND[row.type];
}

export function entityAttrs<T extends object>(row: EntityRow): Partial<T> {
  return JSON.parse(row.attrs) as Partial<T>;
}

/** Directory built-ins and addresses the service keeps for itself. */
const RESERVED_NAMES = new Set(["administrator", "guest", "krbtgt", "amazonjournaling", "postmaster-daemon"]);

/** Names are unique among the organization's live users, groups and resources. */
export function checkNameAvailable(sim: Sim, orgId: string, name: string, exceptId?: string): void {
  if (RESERVED_NAMES.has(name.toLowerCase()))
    throw fail.reservedName(`The name ${name} is reserved and cannot be used.`);
  const clash = sim.db
    .prepare<[string, string], { id: string; type: EntityType }>(
      "SELECT id, type FROM entities WHERE org_id = ? AND lower(name) = lower(?) AND state <> 'DELETED'",
    )
    .get(orgId, name);
  if (clash !== undefined && clash.id !== exceptId) {
    throw fail.nameAvailability(`The name ${name} is already used by a ${KIND[clash.type]} in this organization.`);
  }
}

/**
 * An address an entity may take: its domain is one of the organization's domains (else
 * MailDomainNotFoundException) and verified (else MailDomainStateException), and no other user,
 * group or resource has it as a primary address or alias (else EmailAddressInUseException).
 */
export function checkAddressAvailable(sim: Sim, orgId: string, address: string, forEntityId?: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf("@");
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const d = sim.db
    .prepare<[string, string], { ownership_status: string; is_test: number }>(
      "SELECT ownership_status, is_test FROM mail_domains WHERE org_id = ? AND domain = ?",
    )
    .get(orgId, domain);
  if (d === undefined)
    throw fail.mailDomainNotFound(`The domain ${domain} is not a mail domain of organization ${orgId}.`);
  if (d.ownership_status !== "VERIFIED") throw fail.mailDomainState(`The domain ${domain} is not verified yet.`);
  if (local === "amazonjournaling") throw fail.reservedName(`${address} is reserved for journaling.`);
  const owner = sim.db
    .prepare<[string, string], { entity_id: string }>(
      "SELECT entity_id FROM addresses WHERE org_id = ? AND address = ?",
    )
    .get(orgId, lower);
  if (owner !== undefined && owner.entity_id !== forEntityId) {
    throw fail.emailAddressInUse(`The email address ${address} is already in use by another user, group, or resource.`);
  }
  return lower;
}

export function addAddress(sim: Sim, orgId: string, entityId: string, address: string, primary: boolean): void {
  sim.db
    .prepare(
      "INSERT INTO addresses (org_id, address, entity_id, is_primary, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(org_id, address) DO UPDATE SET is_primary = excluded.is_primary",
    )
    .run(orgId, address.toLowerCase(), entityId, primary ? 1 : 0, sim.now.getTime());
}

/** The directory's password policy: one rule, shared with the commands' checks before a change. */
export { passwordProblem };

export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw fail.invalidPassword(problem);
}

// scrypt at Node's defaults (N=16384, r=8, p=1: 16 MiB, about 40 ms a hash): the store's hashes
// must resist an offline attack on a copy of store.db, not just a sign-in check. The parameters are
// stored with each hash (`scrypt$N$r$p$salt$hash`), so hashes written with other parameters (the
// older `scrypt$N$salt$hash` with r=8, p=1) keep verifying. Bulk creation hashes on libuv's thread
// pool, outside the store's write lock (hashPasswordAsync).
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
/** The strongest parameters a stored hash may ask for (a damaged hash must not cost gigabytes). */
const MAX_N = 1 << 20;
const MAX_MEM = 256 * 1024 * 1024;

function encodeHash(salt: Buffer, hash: Buffer): string {
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return encodeHash(salt, scryptSync(password, salt, 32, SCRYPT));
}

/** Like hashPassword, on libuv's thread pool: handlers hash before they take the store's write lock. */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, SCRYPT, (err, hash) => (err ? reject(err) : resolve(encodeHash(salt, hash))));
  });
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (stored === null) return false;
  const parts = stored.split("$");
  // scrypt$N$r$p$salt$hash, or the older scrypt$N$salt$hash (r=8, p=1).
  const [scheme, n, r, p, salt, hash] = parts.length === 4 ? [parts[0], parts[1], "8", "1", parts[2], parts[3]] : parts;
  if (scheme !== "scrypt" || parts.length < 4 || parts.length > 6 || salt === undefined || hash === undefined)
    return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (
    ![params.N, params.r, params.p].every((x) => Number.isSafeInteger(x) && x > 0) ||
    params.N > MAX_N ||
    128 * params.N * params.r > MAX_MEM
  )
    return false;
  const expected = Buffer.from(hash, "base64");
  if (expected.length === 0) return false;
  try {
    const actual = scryptSync(password, Buffer.from(salt, "base64"), expected.length, {
      ...params,
      maxmem: MAX_MEM + 1024 * 1024,
    });
    return timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}

/** Epoch milliseconds (nullable) to a Date for the API. */
export function date(ms: number | null): Date | undefined {
  return ms === null ? undefined : new Date(ms);
}

export interface EntityListQuery {
  readonly operation: string;
  readonly orgId: string;
  readonly type: EntityType;
  readonly request: { NextToken?: string | undefined; MaxResults?: number | undefined };
  /** The request's Filters, as given (they also bind the page token). */
  readonly filters: object;
  /** Case-sensitive prefix filters: [column, value]. */
  readonly prefixes: ReadonlyArray<readonly [column: string, value: string | undefined]>;
  readonly state?: string | undefined;
}

/**
 * One page of ListUsers / ListGroups / ListResources: at most one filter per request (the model:
 * "You can only use one filter per request"), case-sensitive prefixes, in creation order, with
 * opaque tokens bound to the filters.
 */
export function listEntityPage(sim: Sim, q: EntityListQuery): { rows: EntityRow[]; nextToken: string | undefined } {
  const used = Object.entries(q.filters)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k]) => k);
  if (used.length > 1) throw fail.invalidParameter(`You can only use one filter per request; got ${used.join(", ")}.`);
  const pager = startPage(q.operation, q.request, { org: q.orgId, f: q.filters });
  const where = ["org_id = ?", "type = ?", "seq > ?"];
  const params: unknown[] = [q.orgId, q.type, Number(pager.after ?? 0)];
  for (const [column, value] of q.prefixes) {
    if (value === undefined || value === "") continue;
    where.push(`substr(${column}, 1, ?) = ?`);
    params.push(value.length, value);
  }
  if (q.state !== undefined) {
    where.push("state = ?");
    params.push(q.state);
  }
  params.push(pager.limit + 1);
  const rows = sim.db
    .prepare<unknown[], EntityRow>(`SELECT * FROM entities WHERE ${where.join(" AND ")} ORDER BY seq LIMIT ?`)
    .all(...params);
  const page = pager.finish(rows, (r) => r.seq);
  return { rows: page.items, nextToken: page.nextToken };
}
