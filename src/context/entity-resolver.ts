import { paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { NotFoundError, UsageError } from "../errors/cli-error.js";
import { unlessServiceError } from "../errors/with-hint.js";

export type EntityKind = "USER" | "GROUP" | "RESOURCE";

export interface ResolvedEntity {
  readonly id: string;
  readonly type: EntityKind;
  readonly name: string;
  readonly email: string | undefined;
  readonly state: string | undefined;
}

/** The model's EntityIdentifier pattern: what DescribeUser/Group/Resource accept as a reference. */
const ENTITY_IDENTIFIER = /^[a-zA-Z0-9._%+@-]{1,256}$/;

const NOUN: Record<EntityKind, string> = { USER: "user", GROUP: "group", RESOURCE: "resource" };
const LIST_CMD: Record<EntityKind, string> = {
  USER: "wmctl user list",
  GROUP: "wmctl group list",
  RESOURCE: "wmctl resource list",
};

/**
 * Everything an admin names is accepted as a name, an email address or an id. This is the one
 * place that turns such a reference into an entity, for every command and for the operations
 * whose API takes ids only.
 */
export class EntityResolver {
  private readonly cache = new Map<string, ResolvedEntity>();

  constructor(
    private readonly api: () => Promise<WorkMailApi>,
    private readonly org: () => Promise<string>,
  ) {}

  user(ref: string): Promise<ResolvedEntity> {
    return this.entity(ref, ["USER"]);
  }
  group(ref: string): Promise<ResolvedEntity> {
    return this.entity(ref, ["GROUP"]);
  }
  resource(ref: string): Promise<ResolvedEntity> {
    return this.entity(ref, ["RESOURCE"]);
  }

  /** Resolves `ref` to one of `kinds` (all three by default); NotFoundError (exit 5) otherwise. */
  async entity(ref: string, kinds: readonly EntityKind[] = ["USER", "GROUP", "RESOURCE"]): Promise<ResolvedEntity> {
    const trimmed = ref.trim();
    if (trimmed === "")
      throw new UsageError(`an empty name was given where a ${kinds.map((k) => NOUN[k]).join(" or ")} was expected`);
    const key = `${kinds.join(",")}:${trimmed.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const api = await this.api();
    const orgId = await this.org();
    let found: ResolvedEntity | undefined;
    if (trimmed.includes("@") && kinds.length > 1) {
      const e = await notFoundAsUndefined(api.describeEntity({ OrganizationId: orgId, Email: trimmed }));
      if (e?.EntityId !== undefined && kinds.includes(e.Type as EntityKind)) {
        found = await this.describe(api, orgId, e.EntityId, e.Type as EntityKind);
      }
    }
    // DescribeUser, DescribeGroup and DescribeResource take an id, a name or an email address.
    for (const kind of kinds) {
      if (found) break;
      found = await this.describe(api, orgId, trimmed, kind);
    }
    // Group names may hold characters an entity identifier cannot (spaces, Latin-1 letters):
    // such a group is found by listing with its name as prefix.
    if (found === undefined && kinds.includes("GROUP") && !ENTITY_IDENTIFIER.test(trimmed)) {
      found = await this.groupByListing(api, orgId, trimmed);
    }
    if (found === undefined) {
      const what = kinds.map((k) => NOUN[k]).join(" or ");
      const other = await this.otherKind(api, orgId, trimmed, kinds);
      const hint =
        other !== undefined
          ? `"${trimmed}" is a ${NOUN[other.type]}, not a ${what}: see \`${LIST_CMD[other.type]}\``
          : kinds.length === 1
            ? `see \`${LIST_CMD[kinds[0] as EntityKind]}\``
            : "look it up with `wmctl whois`";
      throw new NotFoundError(`no ${what} "${trimmed}" in organization ${orgId}`, hint);
    }
    this.cache.set(key, found);
    return found;
  }

  /** On the failure path only: is the reference an entity of a kind the command does not take? */
  private async otherKind(
    api: WorkMailApi,
    orgId: string,
    ref: string,
    kinds: readonly EntityKind[],
  ): Promise<ResolvedEntity | undefined> {
    for (const kind of (["USER", "GROUP", "RESOURCE"] as const).filter((k) => !kinds.includes(k))) {
      const e = await this.describe(api, orgId, ref, kind);
      if (e !== undefined) return e;
    }
    return undefined;
  }

  /** Forgets what was resolved (after a command changed names or addresses). */
  forget(): void {
    this.cache.clear();
  }

  private async groupByListing(api: WorkMailApi, orgId: string, name: string): Promise<ResolvedEntity | undefined> {
    for await (const g of paginate(
      (t) => api.listGroups({ OrganizationId: orgId, Filters: { NamePrefix: name }, NextToken: t }),
      "Groups",
    )) {
      if (g.Name === name && g.State !== "DELETED" && g.Id !== undefined)
        return { id: g.Id, type: "GROUP", name, email: g.Email, state: g.State };
    }
    return undefined;
  }

  private async describe(
    api: WorkMailApi,
    orgId: string,
    ref: string,
    kind: EntityKind,
  ): Promise<ResolvedEntity | undefined> {
    switch (kind) {
      case "USER": {
        const u = await notFoundAsUndefined(api.describeUser({ OrganizationId: orgId, UserId: ref }));
        return u?.UserId === undefined
          ? undefined
          : { id: u.UserId, type: "USER", name: u.Name ?? ref, email: u.Email, state: u.State };
      }
      case "GROUP": {
        const g = await notFoundAsUndefined(api.describeGroup({ OrganizationId: orgId, GroupId: ref }));
        return g?.GroupId === undefined
          ? undefined
          : { id: g.GroupId, type: "GROUP", name: g.Name ?? ref, email: g.Email, state: g.State };
      }
      case "RESOURCE": {
        const r = await notFoundAsUndefined(api.describeResource({ OrganizationId: orgId, ResourceId: ref }));
        return r?.ResourceId === undefined
          ? undefined
          : { id: r.ResourceId, type: "RESOURCE", name: r.Name ?? ref, email: r.Email, state: r.State };
      }
    }
  }
}

/** EntityNotFoundException (and a reference the API rejects as malformed) means "not this kind". */
function notFoundAsUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  return unlessServiceError(p, "EntityNotFoundException", "ValidationException", "UnsupportedOperationException");
}
