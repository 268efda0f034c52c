import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { linkSync, lstatSync, readFileSync, rmSync, type Stats, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StorePaths } from "../sim.js";

const PREFIX = "aes-256-gcm:v1:";
const KEY_FILE = "secrets.key";

class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
}

/**
 * The key that encrypts the store's secrets at rest (EWS availability passwords): 32 random bytes
 * in `secrets.key` beside store.db, mode 0600, made once (the first process wins). Kept out of the
 * database, so a copy of store.db alone (a bug report, a backup) does not reveal the secrets.
 */
function storeKey(paths: StorePaths, create: boolean): Buffer {
  const file = join(paths.root, KEY_FILE);
  const read = (): Buffer | undefined => {
    let st: Stats;
    try {
      st = lstatSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    if (!st.isFile() || st.size !== 32)
      throw new SecretBoxError(`${file} is not a wmctl key (a regular file of 32 bytes)`);
    return readFileSync(file);
  };
  const existing = read();
  if (existing !== undefined) return existing;
  if (!create) throw new SecretBoxError(`the store's key ${file} is missing`);
  const tmp = `${file}.new-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, randomBytes(32), { mode: 0o600, flag: "wx" });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  return read() as Buffer;
}

/**
 * Encrypts a secret for the store with AES-256-GCM; `context` (what the secret belongs to) is
 * authenticated with it, so a ciphertext copied to another row does not decrypt there.
 */
export function sealSecret(paths: StorePaths, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", storeKey(paths, true), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${PREFIX}${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${body.toString("base64")}`;
}

/** The plaintext of a sealed secret (a value stored before secrets were sealed is returned as it is). */
export function openSecret(paths: StorePaths, stored: string, context: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const [iv, tag, body] = stored.slice(PREFIX.length).split(":");
  try {
    const decipher = createDecipheriv("aes-256-gcm", storeKey(paths, false), Buffer.from(iv ?? "", "base64"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag ?? "", "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body ?? "", "base64")), decipher.final()]).toString("utf8");
  } catch (e) {
    throw new SecretBoxError(e instanceof SecretBoxError ? e.message : "the secret does not match this store's key");
  }
}
