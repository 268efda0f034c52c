import { createHash } from "node:crypto";
import type { ImapClient } from "./imap-server.js";
import { normalizeMessageId } from "./message-key.js";

/** A message in a target folder, as a scan sees it (no bytes). */
export interface TargetMessage {
  readonly uid: number;
  readonly size: number;
  readonly messageId: string | undefined;
}

/** Every message of a folder: UID, RFC822.SIZE and Message-ID (one FETCH of headers, no bodies). */
export async function scanFolder(client: ImapClient, path: string): Promise<TargetMessage[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const box = client.mailbox;
    if (box === false || box.exists === 0) return [];
    const out: TargetMessage[] = [];
    for await (const m of client.fetch("1:*", { uid: true, size: true, headers: ["message-id"] })) {
      out.push({ uid: m.uid, size: m.size ?? 0, messageId: messageIdFromHeaders(m.headers) });
    }
    return out;
  } finally {
    lock.release();
  }
}

/** SHA-256 of a target message's bytes (BODY.PEEK[], so \Seen is not set). */
export async function targetHash(client: ImapClient, path: string, uid: number): Promise<string | undefined> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const m = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (m === false || m.source === undefined) return undefined;
    return createHash("sha256").update(m.source).digest("hex");
  } finally {
    lock.release();
  }
}

export function messageIdFromHeaders(headers: Buffer | undefined): string | undefined {
  if (headers === undefined) return undefined;
  const m = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(headers.toString("latin1"));
  return normalizeMessageId(m?.[1]?.replace(/\r?\n[ \t]+/g, " "));
}

/** Folders the target lists, by path. */
export async function listTarget(
  client: ImapClient,
): Promise<Array<{ path: string; specialUse: string | undefined; delimiter: string | undefined }>> {
  const list = await client.list();
  return list.map((f) => ({
    path: f.path,
    specialUse: f.specialUse === "" ? undefined : f.specialUse,
    delimiter: f.delimiter ?? undefined,
  }));
}

/** Creates a folder (and its parents) unless it exists, and subscribes it so mail clients show it. */
export async function ensureFolder(
  client: ImapClient,
  segments: readonly string[],
  existing: Set<string>,
  delimiter: string,
): Promise<void> {
  for (let i = 1; i <= segments.length; i++) {
    const path = segments.slice(0, i).join(delimiter);
    if (existing.has(path) || (i === 1 && path.toUpperCase() === "INBOX")) continue;
    try {
      const r = await client.mailboxCreate(segments.slice(0, i) as string[]);
      existing.add(r.path);
    } catch (e) {
      const code = (e as { serverResponseCode?: string }).serverResponseCode;
      if (code !== "ALREADYEXISTS")
        throw new Error(
          `cannot create the folder ${path}: ${(e as { responseText?: string }).responseText ?? (e as Error).message}`,
        );
    }
    existing.add(path);
    await client.mailboxSubscribe(path).catch(() => undefined);
  }
}
