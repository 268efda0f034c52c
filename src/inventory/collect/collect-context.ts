import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { EntityDirectory } from "../entity-directory.js";

/** What a core area's collector gets: the bounded port, the organization, and its directory. */
export interface CollectContext {
  readonly api: WorkMailApi;
  readonly orgId: string;
  readonly directory: EntityDirectory;
  /** A warning about one item (the area goes on). */
  warn(message: string): void;
}

/** Case-insensitive order by name, so two inventories of the same organization diff cleanly. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function iso(d: Date | undefined): string | undefined {
  return d === undefined || Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A non-empty string, else undefined (the API leaves unset attributes out or empty). */
export function text(s: string | undefined | null): string | undefined {
  return s === undefined || s === null || s === "" ? undefined : s;
}
