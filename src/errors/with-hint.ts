/**
 * Attaches a hint to a service error by its name, so the admin sees what to do next
 * (`EntityStateException: ...` + `hint: disable first: wmctl user disable bob`), and rethrows it.
 * Other errors pass through untouched. `toCliError` carries the hint to the one-line error output.
 */
export async function withHints<T>(call: Promise<T>, hints: Readonly<Record<string, string>>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    const name = (e as { name?: unknown }).name;
    if (
      e instanceof Error &&
      typeof name === "string" &&
      hints[name] !== undefined &&
      (e as { hint?: unknown }).hint === undefined
    ) {
      Object.defineProperty(e, "hint", { value: hints[name], enumerable: false, configurable: true });
    }
    throw e;
  }
}

/** The service error's name when `e` is one (the simulator's and the SDK's both carry `$fault`). */
export function serviceErrorName(e: unknown): string | undefined {
  if (e instanceof Error && (e as { $fault?: unknown }).$fault !== undefined) return e.name;
  return undefined;
}

/**
 * Runs `call`; undefined when the service answers one of `names` ("no retention policy",
 * "no such override" ...), so a lookup reads as a value instead of a try/catch at each caller.
 */
export async function unlessServiceError<T>(call: Promise<T>, ...names: readonly string[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    const name = serviceErrorName(e);
    if (name !== undefined && names.includes(name)) return undefined;
    throw e;
  }
}
