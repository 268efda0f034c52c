import type { EntityIds, EntityNames, RestoreStep } from "../area.js";

/** Runs one restore action; a failure becomes a "failed" step instead of stopping the restore. */
export async function attempt(
  area: string,
  action: string,
  target: string,
  result: RestoreStep["result"],
  fn: () => Promise<unknown>,
): Promise<RestoreStep> {
  try {
    await fn();
    return { area, action, target, result };
  } catch (e) {
    const err = e as Error;
    return {
      area,
      action,
      target,
      result: "failed",
      message: `${err.name === "Error" ? "" : `${err.name}: `}${err.message}`,
    };
  }
}

/** How the policy areas name a user: its name (stable across organizations and mail domains), else its email, else the raw id. */
export function userRef(refs: EntityNames, id: string): string {
  return refs.nameOf(id) ?? refs.emailOf(id) ?? id;
}

export function userRefs(refs: EntityNames, ids: readonly string[] | undefined): string[] | undefined {
  return ids === undefined || ids.length === 0 ? undefined : ids.map((id) => userRef(refs, id));
}

class UnknownUserError extends Error {
  constructor(ref: string) {
    super(`no user "${ref}" in the target organization`);
    this.name = "UnknownUser";
  }
}

/** Names or emails back to ids in the target organization; an unknown one fails the item. */
export function userIdsOf(refs: EntityIds, names: readonly string[] | undefined): string[] | undefined {
  if (names === undefined || names.length === 0) return undefined;
  return names.map((n) => {
    const id = refs.idOf(n);
    if (id === undefined) throw new UnknownUserError(n);
    return id;
  });
}

/** A list as one CSV cell. */
export function cell(list: readonly string[] | undefined): string {
  return (list ?? []).join(" ");
}

/**
 * Whether a target's current settings already equal what a restore would write: the keys of
 * `wanted` are compared with `current`, lists as sets, and an empty list, "" and absent as the same.
 * Restores skip such writes, so running one twice changes nothing the second time.
 */
export function alreadyEqual(
  current: Readonly<Record<string, unknown>>,
  wanted: Readonly<Record<string, unknown>>,
): boolean {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null || v === "") return undefined;
    if (Array.isArray(v)) return v.length === 0 ? undefined : JSON.stringify([...v].map(String).sort());
    return v;
  };
  return Object.keys(wanted).every((k) => norm(current[k]) === norm(wanted[k]));
}

/** A step that had nothing to do. */
export function skipped(
  area: string,
  action: string,
  target: string,
  message = "already as in the inventory",
): RestoreStep {
  return { area, action, target, result: "skipped", message };
}
