import { collect, paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import type { EntityIds, EntityNames } from "./area.js";
import type { EntityKind } from "./document.js";

export interface DirectoryEntry {
  id: string;
  type: EntityKind;
  name: string;
  email: string | undefined;
  state: string;
  /** Users only: USER, REMOTE_USER (SYSTEM_USER and RESOURCE belong to the service). */
  role?: string | undefined;
}

/**
 * The live (not deleted) users, groups and resources of one organization, found by id, name
 * (case-insensitive: names are unique across the three kinds) or primary email. Serves as the
 * id -> name map when collecting, and as the name -> id map of the target when restoring (the
 * restore adds what it creates).
 */
export class EntityDirectory implements EntityNames, EntityIds {
  private readonly byIdMap = new Map<string, DirectoryEntry>();
  private readonly byNameMap = new Map<string, DirectoryEntry>();
  private readonly byEmailMap = new Map<string, DirectoryEntry>();

  constructor(entries: Iterable<DirectoryEntry> = []) {
    for (const e of entries) this.add(e);
  }

  /** Lists the three kinds at once (three paginated listings). */
  static async list(api: WorkMailApi, orgId: string): Promise<EntityDirectory> {
    const [users, groups, resources] = await Promise.all([
      collect(paginate((t) => api.listUsers({ OrganizationId: orgId, NextToken: t }), "Users")),
      collect(paginate((t) => api.listGroups({ OrganizationId: orgId, NextToken: t }), "Groups")),
      collect(paginate((t) => api.listResources({ OrganizationId: orgId, NextToken: t }), "Resources")),
    ]);
    const dir = new EntityDirectory();
    const add = (
      type: EntityKind,
      e: { Id?: string | undefined; Name?: string | undefined; Email?: string | undefined; State?: string | undefined },
      role?: string,
    ) => {
      if (e.Id === undefined || e.Name === undefined || e.State === "DELETED") return;
      dir.add({
        id: e.Id,
        type,
        name: e.Name,
        email: e.Email === "" ? undefined : e.Email?.toLowerCase(),
        state: e.State ?? "DISABLED",
        ...(role === undefined ? {} : { role }),
      });
    };
    for (const u of users) add("USER", u, u.UserRole ?? "USER");
    for (const g of groups) add("GROUP", g);
    for (const r of resources) add("RESOURCE", r);
    return dir;
  }

  add(entry: DirectoryEntry): void {
    const old = this.byIdMap.get(entry.id);
    if (old?.email !== undefined) this.byEmailMap.delete(old.email);
    this.byIdMap.set(entry.id, entry);
    this.byNameMap.set(entry.name.toLowerCase(), entry);
    if (entry.email !== undefined) this.byEmailMap.set(entry.email.toLowerCase(), entry);
  }

  /** Records a change to an entry (state, email) found by id. */
  update(id: string, change: Partial<Pick<DirectoryEntry, "email" | "state">>): void {
    const e = this.byIdMap.get(id);
    if (e !== undefined) this.add({ ...e, ...change });
  }

  /** Also finds the entity by this address (an alias). */
  addAddress(id: string, address: string): void {
    const e = this.byIdMap.get(id);
    if (e !== undefined) this.byEmailMap.set(address.toLowerCase(), e);
  }

  all(type?: EntityKind): DirectoryEntry[] {
    const list = [...this.byIdMap.values()];
    return type === undefined ? list : list.filter((e) => e.type === type);
  }

  get size(): number {
    return this.byIdMap.size;
  }

  byId(id: string): DirectoryEntry | undefined {
    return this.byIdMap.get(id);
  }

  byName(name: string): DirectoryEntry | undefined {
    return this.byNameMap.get(name.toLowerCase());
  }

  byEmail(address: string): DirectoryEntry | undefined {
    return this.byEmailMap.get(address.toLowerCase());
  }

  nameOf(entityId: string): string | undefined {
    return this.byIdMap.get(entityId)?.name;
  }

  emailOf(entityId: string): string | undefined {
    return this.byIdMap.get(entityId)?.email;
  }

  idOf(nameOrEmail: string): string | undefined {
    return (nameOrEmail.includes("@") ? this.byEmail(nameOrEmail) : undefined)?.id ?? this.byName(nameOrEmail)?.id;
  }
}
