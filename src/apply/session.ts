import type { WorkMailApi } from "../backend/workmail-api.js";
import type { RestoreStep } from "../inventory/area.js";
import type { DomainMap } from "../inventory/domain-map.js";
import type { EntityDirectory } from "../inventory/entity-directory.js";
import { errorText, isNotImplemented } from "../inventory/service-errors.js";
import { isPlannedId } from "./recording-api.js";

export interface GeneratedPassword {
  readonly name: string;
  readonly email: string | undefined;
  readonly password: string;
}

/** Everything the restore steps share about the target organization. */
export interface RestoreSession {
  /** The bounded port; under --dry-run it records changes instead of sending them. */
  readonly api: WorkMailApi;
  readonly orgId: string;
  readonly dryRun: boolean;
  readonly map: DomainMap;
  /** The target's users, groups and resources; the steps add what they create. */
  readonly target: EntityDirectory;
  /** Ids of entities this run created (a created entity has nothing to compare against). */
  readonly created: Set<string>;
  /**
   * Keeps the password of a user about to be created (--passwords-out appends it to its file
   * before CreateUser); never called under --dry-run. Passwords are never printed.
   */
  savePassword(p: GeneratedPassword): Promise<void>;
  /** Bounds the users between "password saved" and "CreateUser answered" (the step's concurrency). */
  createSlot<T>(fn: () => Promise<T>): Promise<T>;
  newPassword(): string;
}

export type Result = RestoreStep["result"];

/** An entity this run created, or (dry run) would create: nothing to read back from the target. */
export function isNew(s: RestoreSession, id: string): boolean {
  return s.created.has(id) || isPlannedId(id);
}

/**
 * Runs one item of a step; an error becomes a failed step with the service's message (the
 * restore goes on with the next item, and the command exits non-zero at the end). An operation the
 * target does not implement is rethrown: the step reports it once instead of once per item.
 */
export async function attempt(
  area: string,
  action: string,
  target: string,
  fn: () => Promise<{ result: Result; message?: string | undefined }>,
): Promise<RestoreStep> {
  try {
    const { result, message } = await fn();
    return message === undefined || message === ""
      ? { area, action, target, result }
      : { area, action, target, result, message };
  } catch (e) {
    // The target does not implement the operation: the whole step fails once (see runSteps).
    if (isNotImplemented(e)) throw e;
    return { area, action, target, result: "failed", message: errorText(e) };
  }
}

export function skipped(area: string, action: string, target: string, message?: string): RestoreStep {
  return message === undefined
    ? { area, action, target, result: "skipped" }
    : { area, action, target, result: "skipped", message };
}

export function failed(area: string, action: string, target: string, message: string): RestoreStep {
  return { area, action, target, result: "failed", message };
}
