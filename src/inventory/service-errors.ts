import { serviceErrorName, unlessServiceError } from "../errors/with-hint.js";

/**
 * The backend does not implement an operation: the simulator answers UnsupportedOperationException
 * for operations it has no handler for yet (and the service for features it refuses). An area that
 * meets it is skipped, with a warning, instead of failing the inventory.
 */
export function isNotImplemented(e: unknown): boolean {
  return serviceErrorName(e) === "UnsupportedOperationException";
}

/** Runs `call`; undefined when the entity is gone (deleted while the inventory ran). */
export function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  return unlessServiceError(call, "EntityNotFoundException");
}

/** `EntityStateException: The user bob is deleted.` (the service's name first, as wmctl shows errors). */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const name = serviceErrorName(e);
  return name !== undefined && !e.message.startsWith(name) ? `${name}: ${e.message}` : e.message;
}
