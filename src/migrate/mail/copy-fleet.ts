import pLimit from "p-limit";
import type { ImapServer } from "../imap-server.js";
import type { MigrationLedger } from "../ledger.js";
import { RateLimiter } from "../rate-limit.js";
import { copyMailbox, type CopyJob, type MailboxResult } from "./copy-mailbox.js";

export interface FleetOptions {
  readonly server: ImapServer;
  readonly ledger: MigrationLedger;
  /** Mailboxes copied at once. */
  readonly concurrency: number;
  /** Connections open to the target at once, across every mailbox. */
  readonly maxConnections: number;
  /** Messages appended per second across every mailbox (undefined: no limit). */
  readonly rate: number | undefined;
  readonly markSeen: boolean;
  readonly stopped: () => boolean;
  onMessage?(bytes: number): void;
  onMailbox?(r: MailboxResult): void;
}

/** Connections to one login at most: Gmail allows 15 per account, Microsoft 365 about 20. */
const MAX_PER_MAILBOX = 8;

/**
 * Copies many mailboxes: `concurrency` at a time, every connection through one limit of
 * `maxConnections`, every append through one rate limiter. Each mailbox gets an equal share of the
 * connections (at least one, at most MAX_PER_MAILBOX), so a single large mailbox is copied over
 * several connections.
 * Results come back in the map's order.
 */
export async function copyFleet(jobs: readonly CopyJob[], options: FleetOptions): Promise<MailboxResult[]> {
  const mailboxes = pLimit(Math.max(1, options.concurrency));
  const connections = pLimit(Math.max(1, options.maxConnections));
  const rate = new RateLimiter(options.rate);
  const active = Math.max(1, Math.min(options.concurrency, jobs.length));
  const perMailbox = Math.max(1, Math.min(MAX_PER_MAILBOX, Math.floor(options.maxConnections / active)));
  return Promise.all(
    jobs.map((job) =>
      mailboxes(async () => {
        const r = await copyMailbox(job, {
          server: options.server,
          ledger: options.ledger,
          rate,
          connections,
          connectionsPerMailbox: perMailbox,
          markSeen: options.markSeen,
          stopped: options.stopped,
          ...(options.onMessage === undefined ? {} : { onMessage: options.onMessage }),
        });
        options.onMailbox?.(r);
        return r;
      }),
    ),
  );
}
