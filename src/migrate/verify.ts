import { randomInt } from "node:crypto";
import { mapFolder, targetLayout } from "./folder-map.js";
import { connectImap, type ImapAuth, type ImapServer } from "./imap-server.js";
import type { MigrationLedger } from "./ledger.js";
import { dedupeKey, messageFacts, type MessageFacts } from "./message-key.js";
import type { MailSource } from "./mail/source.js";
import { listTarget, scanFolder, targetHash, type TargetMessage } from "./target-folder.js";

type FolderVerdict = "ok" | "missing" | "mismatch" | "error";

/** One row of `migrate verify`: a mailbox's folder in the source against its copy in the target. */
export interface FolderCheck {
  mailbox: string;
  folder: string;
  targetFolder: string | undefined;
  status: FolderVerdict;
  sourceMessages: number;
  targetMessages: number;
  ledgerMessages: number;
  sourceBytes: number;
  targetBytes: number;
  sampled: number;
  missing: number;
  detail: string | undefined;
}

export interface VerifyMailboxOptions {
  readonly mailbox: string;
  readonly server: ImapServer;
  readonly auth: ImapAuth;
  readonly source: MailSource;
  readonly ledger: MigrationLedger;
  /** Messages per folder fetched back from the target and compared by SHA-256. */
  readonly sample: number;
}

/**
 * Checks one mailbox's copy: for every mail folder of the source, each message (Message-ID and
 * size; by SHA-256 when it has no Message-ID) must be in the mapped target folder; counts and bytes
 * are reported beside the ledger's count, and `sample` messages per folder are fetched back and
 * compared byte for byte (by hash). The first missing message is named by Message-ID and subject.
 */
export async function verifyMailbox(o: VerifyMailboxOptions): Promise<FolderCheck[]> {
  const client = await connectImap(o.server, o.auth);
  const rows: FolderCheck[] = [];
  try {
    const listed = await listTarget(client);
    const layout = targetLayout(listed);
    const exists = new Set(listed.map((f) => f.path));
    for (const f of await o.source.folders()) {
      const mapping = mapFolder(f.path, layout, f.delimiter, f.specialUse);
      if (mapping.skip) continue;
      const row: FolderCheck = {
        mailbox: o.mailbox,
        folder: f.path,
        targetFolder: mapping.target,
        status: "ok",
        sourceMessages: 0,
        targetMessages: 0,
        ledgerMessages: o.ledger.messagesIn(o.server.url, o.mailbox, f.path).size,
        sourceBytes: 0,
        targetBytes: 0,
        sampled: 0,
        missing: 0,
        detail: undefined,
      };
      rows.push(row);
      const source: MessageFacts[] = [];
      const keys = new Set<string>();
      for (const m of await o.source.messages(f.path)) {
        const facts = await messageFacts((await m.read()).raw);
        if (keys.has(dedupeKey(facts))) continue;
        keys.add(dedupeKey(facts));
        source.push(facts);
        row.sourceMessages++;
        row.sourceBytes += facts.size;
      }
      if (!exists.has(mapping.target) && mapping.target.toUpperCase() !== "INBOX") {
        row.status = source.length === 0 ? "ok" : "missing";
        row.missing = source.length;
        row.detail = source.length === 0 ? "empty; no target folder" : `the target has no folder ${mapping.target}`;
        continue;
      }
      const target = await scanFolder(client, mapping.target);
      row.targetMessages = target.length;
      row.targetBytes = target.reduce((n, t) => n + t.size, 0);
      const byId = new Map<string, TargetMessage[]>();
      const bySize = new Map<number, TargetMessage[]>();
      for (const t of target) {
        const k = t.messageId === undefined ? undefined : `${t.messageId}|${t.size}`;
        if (k !== undefined) byId.set(k, [...(byId.get(k) ?? []), t]);
        else bySize.set(t.size, [...(bySize.get(t.size) ?? []), t]);
      }
      const matched: Array<{ facts: MessageFacts; uid: number }> = [];
      const missing: MessageFacts[] = [];
      for (const s of source) {
        if (s.messageId !== undefined) {
          const t = byId.get(`${s.messageId}|${s.size}`)?.[0];
          if (t === undefined) missing.push(s);
          else matched.push({ facts: s, uid: t.uid });
          continue;
        }
        let uid: number | undefined;
        for (const t of bySize.get(s.size) ?? [])
          if ((await targetHash(client, mapping.target, t.uid)) === s.sha256) uid = t.uid;
        if (uid === undefined) missing.push(s);
        else matched.push({ facts: s, uid });
      }
      row.missing = missing.length;
      if (missing.length > 0) {
        row.status = "missing";
        row.detail = `${missing.length} missing, first: ${describeMessage(missing[0] as MessageFacts)}`;
      }
      // A sample fetched back and compared by hash.
      const pool = [...matched];
      for (let i = 0; i < o.sample && pool.length > 0; i++) {
        const { facts, uid } = pool.splice(randomInt(pool.length), 1)[0] as (typeof pool)[number];
        row.sampled++;
        const h = await targetHash(client, mapping.target, uid);
        if (h !== facts.sha256) {
          row.status = row.status === "ok" ? "mismatch" : row.status;
          row.detail ??= `UID ${uid} differs from the source: ${describeMessage(facts)}`;
        }
      }
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return rows;
}

function describeMessage(f: Pick<MessageFacts, "messageId" | "subject" | "sha256">): string {
  return `Message-ID ${f.messageId ?? "(none)"}, subject ${JSON.stringify(f.subject ?? "")}${f.messageId === undefined ? `, sha256 ${f.sha256.slice(0, 12)}` : ""}`;
}
