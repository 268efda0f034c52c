import type { WorkMailApi } from "../backend/workmail-api.js";

/**
 * One area of an organization's configuration in `wmctl org inventory` / `org restore`
 * (issue #5). Areas refer to entities by name and email, never by id: ids change when an
 * inventory is restored into another organization.
 */
export interface InventoryArea<T = unknown> {
  /** File-name friendly: `users`, `access-rules` ... (the JSON key and the CSV base name). */
  readonly name: string;
  /** Reads the area from an organization. */
  collect(api: WorkMailApi, orgId: string, refs: EntityNames): Promise<T>;
  /** Re-creates the area in an organization (entities already restored); returns what it did. */
  restore(api: WorkMailApi, orgId: string, data: T, refs: EntityIds): Promise<RestoreStep[]>;
  /** Flat rows for the area's CSV files (file base name -> rows). */
  tables?(data: T): Record<string, ReadonlyArray<Record<string, unknown>>>;
}

/** Id -> name/email of the source organization's entities (for collect). */
export interface EntityNames {
  nameOf(entityId: string): string | undefined;
  emailOf(entityId: string): string | undefined;
}

/** Name or email -> id in the target organization (for restore). */
export interface EntityIds {
  idOf(nameOrEmail: string): string | undefined;
}

export interface RestoreStep {
  readonly area: string;
  readonly action: string;
  readonly target: string;
  readonly result: "created" | "updated" | "skipped" | "failed";
  readonly message?: string;
}
