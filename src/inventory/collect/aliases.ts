import { collect, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { DirectoryEntry } from "../entity-directory.js";

/**
 * The aliases of an entity that has (or had) an address, sorted, lower-case, without its primary
 * address (which the service may list among them). An entity that never had an address has none.
 */
export async function aliasesOfEntity(api: WorkMailApi, orgId: string, e: DirectoryEntry): Promise<string[]> {
  if (e.email === undefined) return [];
  const all = await collect(
    paginate((t) => api.listAliases({ OrganizationId: orgId, EntityId: e.id, NextToken: t }), "Aliases"),
  );
  const primary = e.email.toLowerCase();
  return [...new Set(all.map((a) => a.toLowerCase()))].filter((a) => a !== primary).sort();
}
