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
