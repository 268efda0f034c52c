import type { ServiceModel } from "../model/service-model.js";

/**
 * awsJson1_1 bodies: timestamps are epoch seconds (fractions for milliseconds) both ways, null and
 * undefined members are left out, and errors are `{"__type", "Message"}` (the service's modelled
 * exceptions) or `{"__type", "message"}` (the front end's own: validation, throttling, auth ...).
 */

/** JSON for a response: every Date becomes epoch seconds. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === "" ? value : this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return v === null ? undefined : v;
  });
}

/**
 * Input members of timestamp shapes arrive as epoch seconds; the core takes Dates. Walks the
 * operation's input shape (only where a timestamp can be reached; most operations have none).
 */
export function createInputReviver(
  model: ServiceModel,
): (operation: string, input: Record<string, unknown>) => Record<string, unknown> {
  const reaches = new Map<string, boolean>();
  const canReach = (shapeName: string, seen: Set<string>): boolean => {
    const cached = reaches.get(shapeName);
    if (cached !== undefined) return cached;
    if (seen.has(shapeName)) return false;
    seen.add(shapeName);
    const s = model.shapes[shapeName];
    let r = false;
    if (s?.type === "timestamp") r = true;
    else if (s?.members) r = Object.values(s.members).some((m) => canReach(m.shape, seen));
    else if (s?.member) r = canReach(s.member.shape, seen);
    else if (s?.value) r = canReach(s.value.shape, seen);
    reaches.set(shapeName, r);
    return r;
  };
  const revive = (shapeName: string, v: unknown): unknown => {
    const s = model.shapes[shapeName];
    if (s === undefined || v === null || v === undefined || !canReach(shapeName, new Set())) return v;
    if (s.type === "timestamp") return typeof v === "number" ? new Date(Math.round(v * 1000)) : v;
    if (s.type === "structure" && s.members && typeof v === "object" && !Array.isArray(v)) {
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      for (const [name, ref] of Object.entries(s.members)) if (name in out) out[name] = revive(ref.shape, out[name]);
      return out;
    }
    if (s.type === "list" && s.member && Array.isArray(v))
      return v.map((item) => revive((s.member as { shape: string }).shape, item));
    if (s.type === "map" && s.value && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, item]) => [
          k,
          revive((s.value as { shape: string }).shape, item),
        ]),
      );
    }
    return v;
  };
  return (operation, input) => {
    const shape = model.operations[operation]?.input?.shape;
    return shape === undefined ? input : (revive(shape, input) as Record<string, unknown>);
  };
}

/** The modelled exceptions carry `Message`; the front end's own errors carry `message`. */
export function errorBody(name: string, message: string | undefined, modelled: ReadonlySet<string>): string {
  if (message === undefined) return JSON.stringify({ __type: name });
  const key = modelled.has(name) || name === "SerializationException" ? "Message" : "message";
  return JSON.stringify({ __type: name, [key]: message });
}

export function modelledExceptions(model: ServiceModel): Set<string> {
  return new Set(
    Object.entries(model.shapes)
      .filter(([, s]) => s.exception === true)
      .map(([n]) => n),
  );
}
