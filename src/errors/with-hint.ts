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
    if (e instanceof Error && typeof name === "string" && hints[name] !== undefined && (e as { hint?: unknown }).hint === undefined) {
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
