import type { WorkMailApi } from "../backend/workmail-api.js";

/**
 * One area of an organization's configuration in `wmctl org inventory` / `org restore`
 * (issue #5). Areas refer to entities by name and email, never by id: ids change when an
 * inventory is restored into another organization.
 *
 * What the framework does around an area (src/inventory/collect.ts, apply/run-steps.ts):
 * - `collect` gets an `api` that bounds concurrency for the whole inventory (p-limit) and counts
 *   calls, so an area may fire its per-entity calls with Promise.all. If the backend answers
 *   UnsupportedOperationException (the simulator does for an operation it does not implement),
 *   the area is skipped with a warning and listed under `skipped` in inventory.json.
 *   Any other error fails the area (reported, the rest of the inventory is still written).
 * - The data must be plain JSON (strings, numbers, booleans, arrays, objects; dates as ISO
 *   strings): it is written to inventory.json and read back for `org restore`.
 * - `restore` runs after every entity exists in the target (users, groups, resources, their
 *   addresses), in INVENTORY_AREAS order. `data` has the `--map-domain` rewriting already applied
 *   to its strings (a string equal to a mapped domain, or ending in `@<mapped domain>`). Under
 *   `--dry-run`, `api` records every mutating call as a planned change instead of sending it
 *   (reads still reach the target), so an area needs no dry-run code of its own.
 *   Throwing is fine: the framework reports one failed step for the area and goes on.
 */
export interface InventoryArea<T = unknown> {
  /** File-name friendly: `users`, `access-rules` ... (the JSON key and the CSV base name). */
  readonly name: string;
  /** Reads the area from an organization. */
  collect(api: WorkMailApi, orgId: string, refs: EntityNames): Promise<T>;
  /** Re-creates the area in an organization (entities already restored); returns what it did. */
  restore(api: WorkMailApi, orgId: string, data: T, refs: EntityIds): Promise<RestoreStep[]>;
  /** Flat rows for the area's CSV files (file base name -> rows). */
  tables?(data: T): Record<string, InventoryTable>;
}

/**
 * A CSV table: rows (columns are the rows' keys, in first-seen order; an empty table writes no
 * file), or rows with explicit columns (the header is written even when there are no rows).
 * Cells: strings and numbers as is, booleans as true/false, arrays joined with `;`, objects as JSON.
 */
export type InventoryTable =
  | ReadonlyArray<Record<string, unknown>>
  | { readonly columns: readonly string[]; readonly rows: ReadonlyArray<Record<string, unknown>> };

/** Id -> name/email of the source organization's entities (for collect). */
export interface EntityNames {
  nameOf(entityId: string): string | undefined;
  emailOf(entityId: string): string | undefined;
}

/**
 * Name or email -> id in the target organization (for restore). Accepts the inventory's names,
 * and its email addresses as written in the inventory or as mapped by --map-domain.
 */
export interface EntityIds {
  idOf(nameOrEmail: string): string | undefined;
}

export interface RestoreStep {
  readonly area: string;
  readonly action: string;
  readonly target: string;
  /** `deleted`: a rule the document lacks, removed because a policy area is a whole rule set. */
  readonly result: "created" | "updated" | "deleted" | "skipped" | "failed";
  readonly message?: string;
}
