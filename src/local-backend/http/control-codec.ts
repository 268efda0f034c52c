/**
 * JSON for the generic control route between wmctl and a served simulator, keeping what plain JSON
 * loses: Dates travel as `{"$date": "<ISO-8601>"}`, bytes (Uint8Array, Buffer: `local deliver`'s
 * messages) as `{"$bytes": "<base64>"}`, and `undefined` in an argument list as `{"$undefined": true}`
 * (an absent optional argument stays absent, not null). So any SimulatorControl method whose
 * arguments and result are plain data works over HTTP unchanged. (An object property whose value is
 * undefined is left out, as an absent property reads the same.)
 */
export function encodeControl(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const raw = key === "" ? value : (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Uint8Array)
      return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64") };
    if (raw === undefined && Array.isArray(this)) return { $undefined: true };
    return v;
  });
}

export function decodeControl(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const o = v as { $date?: unknown; $bytes?: unknown; $undefined?: unknown };
        if (typeof o.$date === "string") return new Date(o.$date);
        if (typeof o.$bytes === "string") return Buffer.from(o.$bytes, "base64");
        if (o.$undefined === true) return undefined;
      }
    }
    return v;
  });
}

/** Plain JSON for other languages' tests: Dates as ISO-8601 strings. */
export function plainJson(value: unknown): string {
  return JSON.stringify(value);
}
