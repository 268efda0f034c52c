import type { LimitFunction } from "p-limit";
import { mapFolder, targetLayout } from "../folder-map.js";
import { connectImap, ImapAuthFailure, type ImapAuth, type ImapClient, type ImapServer } from "../imap-server.js";
import type { MigrationLedger } from "../ledger.js";
import { dedupeKey, messageFacts } from "../message-key.js";
import type { RateLimiter } from "../rate-limit.js";
import { ensureFolder, listTarget, scanFolder, targetHash, type TargetMessage } from "../target-folder.js";
import type { MailSource, SourceMessage } from "./source.js";

export interface CopyJob {
  /** The mailbox as the map names it (the ledger's key). */
  readonly mailbox: string;
  readonly login: string;
  openSource(): Promise<MailSource>;
  auth(): Promise<ImapAuth>;
}

export interface CopyEnv {
  readonly server: ImapServer;
  readonly ledger: MigrationLedger;
  readonly rate: RateLimiter;
  /** Shared by every mailbox: at most --max-connections open to the server. */
  readonly connections: LimitFunction;
  readonly connectionsPerMailbox: number;
  /** Set \Seen on messages whose source does not say (export zips). */
  readonly markSeen: boolean;
  readonly stopped: () => boolean;
  onMessage?(bytes: number): void;
}

type MailboxOutcome = "COPIED" | "FAILED" | "AUTH_FAILED" | "STOPPED";

/** One row of the per-mailbox report. */
export interface MailboxResult {
  mailbox: string;
  targetLogin: string;
  state: MailboxOutcome;
  folders: number;
  sourceMessages: number;
  copied: number;
  alreadyThere: number;
  skipped: number;
  failed: number;
  bytes: number;
  seconds: number;
  source: string | undefined;
  note: string | undefined;
}

interface FolderPlan {
  readonly source: string;
  readonly target: string;
  /** What the target folder held before this run: by Message-ID (sizes), and by size (UIDs) for messages without one. */
  readonly byMessageId: Map<string, Set<number>>;
  readonly bySize: Map<number, number[]>;
  readonly sizeByUid: Map<number, number>;
  /** Keys handled in this run (copied, found, or in flight), so one message is never appended twice. */
  readonly claimed: Set<string>;
}

/**
 * Copies one mailbox into the target: recreates its folder tree (well-known folders onto the
 * target's SPECIAL-USE folders), then appends every message not already there, byte-exact with its
 * internal date, over up to `connectionsPerMailbox` connections. A message is "already there" when
 * the target folder holds it: the UID the ledger recorded with the same size, or one with the same
 * Message-ID and size, or (no Message-ID) one with the same size and SHA-256. So a re-run after
 * Ctrl-C or kill -9 resumes without appending anything twice, and one after a message was lost in
 * the target puts it back. Per-message failures are counted; the first is the note.
 */
export async function copyMailbox(job: CopyJob, env: CopyEnv): Promise<MailboxResult> {
  const started = Date.now();
  const { ledger, server } = env;
  const result: MailboxResult = {
    mailbox: job.mailbox,
    targetLogin: job.login,
    state: "COPIED",
    folders: 0,
    sourceMessages: 0,
    copied: 0,
    alreadyThere: 0,
    skipped: 0,
    failed: 0,
    bytes: 0,
    seconds: 0,
    source: undefined,
    note: undefined,
  };
  const finish = (state: MailboxOutcome, note?: string) => {
    result.state = state;
    if (note !== undefined) result.note ??= note;
    result.seconds = Math.round((Date.now() - started) / 100) / 10;
    ledger.finishMailbox(server.url, job.mailbox, job.login, state, {
      copied: result.copied,
      present: result.alreadyThere,
      failed: result.failed,
      bytes: result.bytes,
      note: state === "STOPPED" ? "stopped before the end: run again to resume" : result.note,
    });
    return result;
  };

  let source: MailSource | undefined;
  try {
    source = await job.openSource();
    result.source = source.describe;
    ledger.startMailbox(server.url, job.mailbox, job.login);
    const auth = await job.auth();
    const work: Array<{ plan: FolderPlan; message: SourceMessage }> = [];
    const plans: FolderPlan[] = [];

    // Folders: map, create, and scan what the target already holds (one connection).
    await withClient(env, auth, async (client) => {
      const listed = await listTarget(client);
      const layout = targetLayout(listed);
      const existing = new Set(listed.map((f) => f.path));
      for (const f of await source!.folders()) {
        const messages = await source!.messages(f.path);
        const mapping = mapFolder(f.path, layout, f.delimiter, f.specialUse);
        if (mapping.skip) {
          result.skipped += messages.length;
          continue;
        }
        await ensureFolder(client, mapping.segments, existing, layout.delimiter);
        const plan: FolderPlan = {
          source: f.path,
          target: mapping.target,
          byMessageId: new Map(),
          bySize: new Map(),
          sizeByUid: new Map(),
          claimed: new Set(),
        };
        for (const t of await scanFolder(client, mapping.target)) indexTarget(plan, t);
        plans.push(plan);
        result.folders++;
        result.sourceMessages += messages.length;
        for (const message of messages) work.push({ plan, message });
      }
    });

    // Messages: a shared queue drained by up to connectionsPerMailbox connections.
    const totals = new Map<FolderPlan, { messages: number; bytes: number }>(
      plans.map((p) => [p, { messages: 0, bytes: 0 }]),
    );
    let next = 0;
    const worker = async (client: ImapClient) => {
      while (next < work.length && !env.stopped()) {
        const { plan, message } = work[next++] as (typeof work)[number];
        try {
          const data = await message.read();
          const facts = await messageFacts(data.raw);
          const t = totals.get(plan) as { messages: number; bytes: number };
          const key = dedupeKey(facts);
          if (plan.claimed.has(key)) continue; // the same message twice in one folder: one copy
          plan.claimed.add(key);
          t.messages++;
          t.bytes += facts.size;
          // The target folder decides: the ledger's UID saves a fetch, but a message the ledger
          // knows and the target lost (deleted there, or a restored server) is appended again.
          const known = ledger.messagesIn(server.url, job.mailbox, plan.source).get(key);
          const found =
            known?.uid !== undefined && plan.sizeByUid.get(known.uid) === facts.size
              ? known.uid
              : await findInTarget(client, plan, facts);
          if (found !== undefined) {
            if (known === undefined)
              ledger.recordMessage(server.url, job.mailbox, plan.source, {
                key,
                messageId: facts.messageId,
                size: facts.size,
                uid: found,
                how: "present",
              });
            result.alreadyThere++;
            continue;
          }
          await env.rate.take();
          const seen = data.seen ?? (env.markSeen ? true : undefined);
          const appended = await client.append(
            plan.target,
            data.raw,
            seen === true ? ["\\Seen"] : [],
            data.internalDate,
          );
          if (appended === false) throw new Error(`the server refused to append to ${plan.target}`);
          ledger.recordMessage(server.url, job.mailbox, plan.source, {
            key,
            messageId: facts.messageId,
            size: facts.size,
            uid: appended.uid,
            how: "copied",
          });
          result.copied++;
          result.bytes += facts.size;
          env.onMessage?.(facts.size);
        } catch (e) {
          result.failed++;
          result.note ??= `${message.ref}: ${(e as { responseText?: string }).responseText ?? (e as Error).message}`;
          if (!client.usable) throw e;
        }
      }
    };
    const n = Math.max(1, Math.min(env.connectionsPerMailbox, work.length));
    const settled = await Promise.allSettled(Array.from({ length: n }, () => withClient(env, auth, worker)));
    const broken = settled.find((s) => s.status === "rejected");
    if (broken !== undefined) throw (broken as PromiseRejectedResult).reason;
    for (const [plan, t] of totals)
      if (next >= work.length)
        ledger.recordFolder(server.url, job.mailbox, plan.source, plan.target, t.messages, t.bytes);
    if (env.stopped() && next < work.length)
      return finish("STOPPED", `stopped after ${next} of ${work.length} messages`);
    return finish(
      result.failed > 0 ? "FAILED" : "COPIED",
      result.failed > 0 ? `${result.failed} message(s) not copied` : undefined,
    );
  } catch (e) {
    if (e instanceof ImapAuthFailure) return finish("AUTH_FAILED", e.message);
    return finish("FAILED", (e as Error).message);
  } finally {
    await source?.close();
  }
}

async function withClient<T>(env: CopyEnv, auth: ImapAuth, fn: (client: ImapClient) => Promise<T>): Promise<T> {
  return env.connections(async () => {
    const client = await connectImap(env.server, auth);
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  });
}

function indexTarget(plan: FolderPlan, t: TargetMessage): void {
  plan.sizeByUid.set(t.uid, t.size);
  if (t.messageId !== undefined) {
    let sizes = plan.byMessageId.get(t.messageId);
    if (sizes === undefined) plan.byMessageId.set(t.messageId, (sizes = new Set()));
    sizes.add(t.size);
  } else {
    let uids = plan.bySize.get(t.size);
    if (uids === undefined) plan.bySize.set(t.size, (uids = []));
    uids.push(t.uid);
  }
}

/** The UID (0 when not looked up) of a copy of this message already in the target folder, if any. */
async function findInTarget(
  client: ImapClient,
  plan: FolderPlan,
  facts: { messageId: string | undefined; size: number; sha256: string },
): Promise<number | undefined> {
  if (facts.messageId !== undefined)
    return plan.byMessageId.get(facts.messageId)?.has(facts.size) === true ? 0 : undefined;
  for (const uid of plan.bySize.get(facts.size) ?? [])
    if ((await targetHash(client, plan.target, uid)) === facts.sha256) return uid;
  return undefined;
}
