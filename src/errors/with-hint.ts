/**
 * Adds a hint to a service error by its name (`EntityStateException` -> "disable it first: ...")
 * and rethrows it; the CLI prints the hint under the error line. Other errors pass unchanged.
 */
export async function withHints<T>(call: Promise<T>, hints: Readonly<Record<string, string>>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof Error) {
      const hint = hints[e.name];
      if (hint !== undefined && (e as { hint?: string }).hint === undefined) Object.assign(e, { hint });
    }
    throw e;
  }
}
