import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { replayJsonLines } from "../io/json-lines.js";

/** A message the target holds: copied by wmctl, or found there already (same Message-ID and bytes). */
export interface LedgerMessage {
  readonly key: string;
  readonly messageId: string | undefined;
  readonly size: number;
  readonly uid: number | undefined;
  readonly how: "copied" | "present";
}

export type MailboxState = "RUNNING" | "COPIED" | "FAILED" | "AUTH_FAILED" | "STOPPED";

export interface LedgerMailbox {
  readonly target: string;
  readonly mailbox: string;
  login: string;
  state: MailboxState;
  startedAt: string;
  finishedAt: string | undefined;
  /** Messages in the source's mail folders and their bytes (CRLF form), as of the last complete pass; messages copied and found in the target over every run. */
  sourceMessages: number;
  sourceBytes: number;
  copied: number;
  present: number;
  failed: number;
  bytesCopied: number;
  note: string | undefined;
}

export interface LedgerFolder {
  readonly source: string;
  target: string;
  messages: number;
  bytes: number;
}

type Event =
  | {
      t: "msg";
      target: string;
      mailbox: string;
      folder: string;
      key: string;
      mid?: string;
      size: number;
      uid?: number;
      how: "copied" | "present";
    }
  | { t: "folder"; target: string; mailbox: string; folder: string; tfolder: string; messages: number; bytes: number }
  | {
      t: "mailbox";
      at: string;
      target: string;
      mailbox: string;
      login: string;
      state: MailboxState;
      copied?: number;
      present?: number;
      failed?: number;
      bytes?: number;
      note?: string;
    };

/** Lines are written together and fsynced at most this often while a copy runs. */
const FLUSH_MS = 200;
const FLUSH_LINES = 512;

/**
 * The migration ledger: an append-only JSON-lines file (like the export ledger) of every message
 * the target holds for a mailbox and folder, the source's totals, and each mailbox's outcome.
 * Lines are fsynced in small groups (every 200 ms or 512 lines, and at every mailbox's end), so
 * kill -9 loses at most the last group: the copy then finds those messages in the target folder
 * (by Message-ID and size, or by hash) before it appends anything, so nothing is appended twice.
 * A line cut short by a crash is skipped on reading. Secrets are never written here.
 */
export class MigrationLedger {
  private readonly messages = new Map<string, Map<string, LedgerMessage>>();
  private readonly folders = new Map<string, Map<string, LedgerFolder>>();
  private readonly boxes = new Map<string, LedgerMailbox>();
  private pending: string[] = [];
  private fd: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private partialLastLine = false;

  private constructor(readonly file: string) {}

  /** The default ledger of a data directory. */
  static defaultFile(dataDir: string): string {
    return join(dataDir, "migrate", "ledger.jsonl");
  }

  static open(file: string): MigrationLedger {
    const ledger = new MigrationLedger(file);
    ledger.partialLastLine = replayJsonLines<Event>(file, (e) => ledger.apply(e)).partialLastLine;
    return ledger;
  }

  mailboxes(): LedgerMailbox[] {
    return [...this.boxes.values()];
  }

  mailbox(target: string, mailbox: string): LedgerMailbox | undefined {
    return this.boxes.get(boxKey(target, mailbox));
  }

  foldersOf(target: string, mailbox: string): LedgerFolder[] {
    return [...(this.folders.get(boxKey(target, mailbox))?.values() ?? [])];
  }

  /** Messages recorded for a source folder, by dedupe key. */
  messagesIn(target: string, mailbox: string, folder: string): ReadonlyMap<string, LedgerMessage> {
    return this.messages.get(folderKey(target, mailbox, folder)) ?? new Map();
  }

  has(target: string, mailbox: string, folder: string, key: string): boolean {
    return this.messages.get(folderKey(target, mailbox, folder))?.has(key) ?? false;
  }

  startMailbox(target: string, mailbox: string, login: string): void {
    this.write({ t: "mailbox", at: new Date().toISOString(), target, mailbox, login, state: "RUNNING" });
  }

  recordFolder(
    target: string,
    mailbox: string,
    folder: string,
    tfolder: string,
    messages: number,
    bytes: number,
  ): void {
    const known = this.folders.get(boxKey(target, mailbox))?.get(folder);
    if (known?.target === tfolder && known.messages === messages && known.bytes === bytes) return;
    this.write({ t: "folder", target, mailbox, folder, tfolder, messages, bytes });
  }

  recordMessage(target: string, mailbox: string, folder: string, m: LedgerMessage): void {
    this.write({
      t: "msg",
      target,
      mailbox,
      folder,
      key: m.key,
      ...(m.messageId === undefined ? {} : { mid: m.messageId }),
      size: m.size,
      ...(m.uid === undefined ? {} : { uid: m.uid }),
      how: m.how,
    });
  }

  finishMailbox(
    target: string,
    mailbox: string,
    login: string,
    state: MailboxState,
    counts: { copied: number; present: number; failed: number; bytes: number; note?: string | undefined },
  ): void {
    this.write({
      t: "mailbox",
      at: new Date().toISOString(),
      target,
      mailbox,
      login,
      state,
      copied: counts.copied,
      present: counts.present,
      failed: counts.failed,
      bytes: counts.bytes,
      ...(counts.note === undefined ? {} : { note: counts.note }),
    });
    this.flush();
  }

  /** Writes and fsyncs what is buffered. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    if (this.fd === undefined) {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.file, "a", 0o600);
    }
    const text = (this.partialLastLine ? "\n" : "") + this.pending.join("");
    this.pending = [];
    this.partialLastLine = false;
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private write(e: Event): void {
    this.apply(e);
    this.pending.push(JSON.stringify(e) + "\n");
    if (this.pending.length >= FLUSH_LINES) this.flush();
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  private apply(e: Event): void {
    switch (e.t) {
      case "msg": {
        const k = folderKey(e.target, e.mailbox, e.folder);
        let m = this.messages.get(k);
        if (m === undefined) this.messages.set(k, (m = new Map()));
        if (!m.has(e.key)) {
          const b = this.boxes.get(boxKey(e.target, e.mailbox));
          if (b !== undefined && e.how === "copied") {
            b.copied++;
            b.bytesCopied += e.size;
          } else if (b !== undefined) b.present++;
        }
        m.set(e.key, { key: e.key, messageId: e.mid, size: e.size, uid: e.uid, how: e.how });
        return;
      }
      case "folder": {
        const k = boxKey(e.target, e.mailbox);
        let f = this.folders.get(k);
        if (f === undefined) this.folders.set(k, (f = new Map()));
        f.set(e.folder, { source: e.folder, target: e.tfolder, messages: e.messages, bytes: e.bytes });
        return;
      }
      case "mailbox": {
        const k = boxKey(e.target, e.mailbox);
        const b = this.boxes.get(k);
        const folders = [...(this.folders.get(k)?.values() ?? [])];
        const next: LedgerMailbox = {
          target: e.target,
          mailbox: e.mailbox,
          login: e.login,
          state: e.state,
          startedAt: e.state === "RUNNING" || b === undefined ? e.at : b.startedAt,
          finishedAt: e.state === "RUNNING" ? undefined : e.at,
          sourceMessages: folders.reduce((n, f) => n + f.messages, 0),
          sourceBytes: folders.reduce((n, f) => n + f.bytes, 0),
          copied: b?.copied ?? 0,
          present: b?.present ?? 0,
          failed: e.failed ?? (e.state === "RUNNING" ? 0 : (b?.failed ?? 0)),
          bytesCopied: b?.bytesCopied ?? 0,
          note: e.state === "RUNNING" ? undefined : e.note,
        };
        this.boxes.set(k, next);
        return;
      }
    }
  }
}

function boxKey(target: string, mailbox: string): string {
  return `${target}\u0000${mailbox.toLowerCase()}`;
}

function folderKey(target: string, mailbox: string, folder: string): string {
  return `${boxKey(target, mailbox)}\u0000${folder}`;
}
