import { randomBytes, randomUUID } from "node:crypto";

/** Identifiers in the service's own formats (see the model's patterns). */
export const newId = {
  organization: () => `m-${randomBytes(16).toString("hex")}`,
  user: () => randomUUID(),
  group: () => randomUUID(),
  resource: () => `r-${randomBytes(16).toString("hex")}`,
  request: () => randomUUID(),
  /** 12 digits, never starting with 0. */
  account: () => String(100000000000 + (randomBytes(6).readUIntBE(0, 6) % 900000000000)),
  token: (bytes = 16) => randomBytes(bytes).toString("hex"),
};

export const ID_PATTERNS = {
  organization: /^m-[0-9a-f]{32}$/,
  resource: /^r-[0-9a-f]{32}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** Directory-style ids of AD-backed organizations (S-1-1-12-...). */
  sid: /^S-1-[0-9-]+$/,
};

/** Whether an identifier looks like an entity id (as opposed to a name or an email). */
export function looksLikeEntityId(s: string): boolean {
  return ID_PATTERNS.uuid.test(s) || ID_PATTERNS.resource.test(s) || ID_PATTERNS.sid.test(s);
}
