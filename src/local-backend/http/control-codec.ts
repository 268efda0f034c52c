/**
 * JSON for the generic control route between wmctl and a served simulator: Dates travel as
 * `{"$date": "<ISO-8601>"}` and come back as Dates, so any SimulatorControl method whose arguments
 * and result are plain data works over HTTP unchanged.
 */
export function encodeControl(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === "" ? value : this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

export function decodeControl(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const d = (v as { $date?: unknown }).$date;
      if (keys.length === 1 && typeof d === "string") return new Date(d);
    }
    return v;
  });
}

/** Plain JSON for other languages' tests: Dates as ISO-8601 strings. */
export function plainJson(value: unknown): string {
  return JSON.stringify(value);
}
