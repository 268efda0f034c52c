import { NotFoundError } from "../errors/cli-error.js";
import type { EntityKind, EntityResolver } from "./entity-resolver.js";

/**
 * How a command shows an entity it only knows by id (the user lists of access rules, override and
 * token owners, impersonation targets): its email address, else its name, else the id itself when the
 * entity is gone. Lookups go through the resolver's cache, so a list of rules costs one lookup per
 * distinct entity.
 */
export async function entityLabel(
  resolve: EntityResolver,
  id: string,
  kinds: readonly EntityKind[] = ["USER"],
): Promise<string> {
  try {
    const e = await resolve.entity(id, kinds);
    return e.email ?? e.name;
  } catch (e) {
    if (e instanceof NotFoundError) return id;
    throw e;
  }
}

export async function entityLabels(
  resolve: EntityResolver,
  ids: readonly string[] | undefined,
  kinds?: readonly EntityKind[],
): Promise<string[] | undefined> {
  if (ids === undefined || ids.length === 0) return undefined;
  const out: string[] = [];
  for (const id of ids) out.push(await entityLabel(resolve, id, kinds));
  return out;
}

/** Resolves names or emails of users to ids (NotFoundError, exit 5, for an unknown one). */
export async function userIds(resolve: EntityResolver, refs: readonly string[]): Promise<string[] | undefined> {
  if (refs.length === 0) return undefined;
  const out: string[] = [];
  for (const r of refs) out.push((await resolve.user(r)).id);
  return out;
}
