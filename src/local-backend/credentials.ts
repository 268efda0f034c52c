import { randomBytes } from "node:crypto";
import type { Db } from "./store/database.js";
import { getOrInitMeta } from "./store/meta.js";

/**
 * The served simulator's own access key: created once per store, kept in its meta table, and
 * printed by `wmctl local credentials`. It opens nothing but this simulator; it is never a real AWS
 * key (the `AKIDWMCTL` prefix makes it recognisable, and secret scanners do not flag it as one).
 */
export interface SimulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export const CREDENTIALS_KEY = "credentials";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomFrom(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let s = "";
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

export function simulatorCredentials(db: Db): SimulatorCredentials {
  return getOrInitMeta<SimulatorCredentials>(db, CREDENTIALS_KEY, () => ({
    accessKeyId: `AKIDWMCTL${randomFrom(UPPER, 11)}`,
    secretAccessKey: randomBytes(30)
      .toString("base64")
      .replace(/[^A-Za-z0-9/+]/g, "0"),
  }));
}
