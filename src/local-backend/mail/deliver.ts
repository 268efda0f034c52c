import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DeliverRequest, DeliveryResult } from "../../backend/simulator-control.js";
import { fail } from "../errors.js";
import type { AsyncContext } from "../operations/handler.js";
import { findEntity, type EntityRow } from "../operations/entities.js";
import { requireOrganization } from "../operations/organizations.js";
import type { Sim } from "../sim.js";
import { canonicalFolderPath } from "./folders.js";
import { inspectMessage, MESSAGE_QUOTAS, type Inspected } from "./inspect.js";
import { BYTES_PER_MB, canHaveMailbox, ensureFolder, ensureMailbox, isLiveMailbox, itemFile } from "./mailbox-store.js";
import { sweepExpiredMailboxes } from "./retention.js";

interface Target {
  /** The address the admin named (a group's address for its members). */
  readonly recipient: string;
  readonly entity: EntityRow;
}

interface Planned {
  readonly message: { readonly name: string; readonly raw: Uint8Array };
  readonly inspected: Inspected;
  readonly target: Target;
  readonly folder: string;
  file?: string;
  generation?: number;
}

/**
 * `local deliver`: puts messages into mailboxes as the service's inbound path would. Each message is
 * parsed with a real MIME parser and checked against the guide's message quotas; each recipient is
 * a user or resource with an enabled mailbox, or a group (delivered to its members, nested groups
 * included); the mailbox quota is enforced. The raw bytes are stored unchanged, one file per copy.
 * A message refused for one mailbox may still reach the others: the result has one row per
 * message and mailbox, as a bounce would.
 */
export async function deliverMessages(
  ctx: Pick<AsyncContext, "tx" | "paths">,
  request: DeliverRequest,
): Promise<DeliveryResult[]> {
  if (request.to.length === 0) throw fail.invalidParameter("Name at least one recipient.");
  const explicitFolder = request.folder === undefined ? undefined : canonicalFolderPath(request.folder);
  const targets = ctx.tx((sim) => {
    const org = requireOrganization(sim, request.organizationId);
    sweepExpiredMailboxes(sim, org.id);
    return resolveTargets(sim, org.id, request.to);
  });

  const results: DeliveryResult[] = [];
  const planned: Planned[] = [];
  for (const message of request.messages) {
    const inspected = await inspectMessage(message.raw);
    const envelope = targets.length;
    for (const target of targets) {
      const base = {
        name: message.name,
        recipient: target.recipient,
        mailbox: target.entity.name,
        size: message.raw.byteLength,
      };
      const problem =
        inspected.problem ??
        (envelope > MESSAGE_QUOTAS.maxRecipients
          ? {
              code: "TOO_MANY_RECIPIENTS",
              reason: `The message has ${envelope} recipients; the limit is ${MESSAGE_QUOTAS.maxRecipients}.`,
            }
          : undefined);
      if (problem !== undefined) {
        results.push({ ...base, status: "REJECTED", ...problem, ...summary(inspected) });
        continue;
      }
      const folder = explicitFolder ?? inspected.defaultFolder;
      const p: Planned = { message, inspected, target, folder };
      planned.push(p);
      results.push({ ...base, folder, status: "DELIVERED", ...summary(inspected) });
    }
  }
  if (planned.length === 0) return results;

  // Files first (outside the transaction), then the index in one transaction; a refused copy's
  // file is removed again.
  const generations = ctx.tx((sim) => {
    const g = new Map<string, number>();
    for (const p of planned) {
      if (!g.has(p.target.entity.id) && isLiveMailbox(p.target.entity))
        g.set(p.target.entity.id, ensureMailbox(sim, request.organizationId, p.target.entity.id).generation);
    }
    return g;
  });
  const written: string[] = [];
  try {
    for (const p of planned) {
      const generation = generations.get(p.target.entity.id);
      if (generation === undefined) continue;
      const ext = p.inspected.kind === "contact" ? "vcf" : "eml";
      const file = join(request.organizationId, p.target.entity.id, `g${generation}`, `${randomUUID()}.${ext}`);
      const path = itemFile(ctx.paths, file);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, p.message.raw, { flag: "wx", mode: 0o600 });
      written.push(path);
      p.file = file;
      p.generation = generation;
    }
    const outcome = ctx.tx((sim) => planned.map((p) => store(sim, request.organizationId, p)));
    let i = 0;
    for (const r of results) {
      if (r.status !== "DELIVERED") continue;
      const o = outcome[i++];
      if (o === undefined || o.ok) continue;
      Object.assign(r, { status: "REJECTED", code: o.code, reason: o.reason, folder: undefined });
    }
    for (const [k, p] of planned.entries()) {
      const o = outcome[k];
      if (o !== undefined && !o.ok && p.file !== undefined) unlinkQuietly(itemFile(ctx.paths, p.file));
    }
    return results;
  } catch (e) {
    for (const path of written) unlinkQuietly(path);
    throw e;
  }
}

type StoreOutcome = { ok: true } | { ok: false; code: string; reason: string };

function store(sim: Sim, orgId: string, p: Planned): StoreOutcome {
  const entity = findEntity(sim, orgId, p.target.entity.id);
  if (entity === undefined || !isLiveMailbox(entity) || p.file === undefined) {
    return { ok: false, code: "MAILBOX_UNAVAILABLE", reason: unavailableReason(entity ?? p.target.entity) };
  }
  const mailbox = ensureMailbox(sim, orgId, entity.id);
  if (mailbox.generation !== p.generation)
    return {
      ok: false,
      code: "MAILBOX_UNAVAILABLE",
      reason: `The mailbox of ${entity.name} was deleted during delivery.`,
    };
  const size = p.message.raw.byteLength;
  const quota = mailbox.quota_mb * BYTES_PER_MB;
  if (mailbox.size_bytes + size > quota) {
    return {
      ok: false,
      code: "MAILBOX_FULL",
      reason: `The mailbox of ${entity.name} is full: ${mb(mailbox.size_bytes)} of its ${mailbox.quota_mb} MB quota used, the message needs ${mb(size)}.`,
    };
  }
  const folder = ensureFolder(sim, orgId, entity.id, p.folder);
  const i = p.inspected;
  sim.db
    .prepare(
      `INSERT INTO mail_items (org_id, entity_id, folder_id, kind, file, size, sha256, message_id, subject, from_address, sent_at, attachments, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      orgId,
      entity.id,
      folder.id,
      i.kind,
      p.file,
      size,
      createHash("sha256").update(p.message.raw).digest("hex"),
      i.messageId ?? null,
      i.subject ?? null,
      i.from ?? null,
      i.sentAt ?? null,
      i.attachments,
      sim.now.getTime(),
    );
  sim.db
    .prepare(
      "UPDATE mailboxes SET size_bytes = size_bytes + ?, item_count = item_count + 1 WHERE org_id = ? AND entity_id = ?",
    )
    .run(size, orgId, entity.id);
  return { ok: true };
}

/** Recipients as the admin named them -> the mailboxes they reach (groups expand to members). */
function resolveTargets(sim: Sim, orgId: string, to: readonly string[]): Target[] {
  const targets = new Map<string, Target>();
  for (const recipient of to) {
    const entity = findEntity(sim, orgId, recipient.trim());
    if (entity === undefined || entity.state === "DELETED") {
      throw fail.entityNotFound(
        `No user, group or resource with the address ${recipient} exists in organization ${orgId}.`,
      );
    }
    if (entity.type !== "GROUP") {
      if (!targets.has(entity.id)) targets.set(entity.id, { recipient, entity });
      continue;
    }
    if (entity.state !== "ENABLED")
      throw fail.entityState(`The group ${entity.name} is not enabled, so it receives no mail.`);
    for (const member of groupMailboxes(sim, orgId, entity.id)) {
      if (!targets.has(member.id)) targets.set(member.id, { recipient, entity: member });
    }
  }
  return [...targets.values()];
}

/** The users and resources of a group, nested groups included (each group once). */
function groupMailboxes(sim: Sim, orgId: string, groupId: string): EntityRow[] {
  const seen = new Set<string>([groupId]);
  const queue = [groupId];
  const out: EntityRow[] = [];
  const members = sim.db.prepare<[string, string], EntityRow>(
    "SELECT e.* FROM group_members m JOIN entities e ON e.org_id = m.org_id AND e.id = m.member_id WHERE m.org_id = ? AND m.group_id = ? ORDER BY m.added_at, e.seq",
  );
  while (queue.length > 0) {
    const g = queue.shift() as string;
    for (const e of members.all(orgId, g)) {
      if (seen.has(e.id) || e.state !== "ENABLED") continue;
      seen.add(e.id);
      if (e.type === "GROUP") queue.push(e.id);
      else if (canHaveMailbox(e)) out.push(e);
    }
  }
  return out;
}

function unavailableReason(e: EntityRow): string {
  if (!canHaveMailbox(e))
    return `${e.name} has no mailbox in WorkMail (${e.type === "GROUP" ? "groups" : "remote users"} have none).`;
  return `The mailbox of ${e.name} is ${e.state.toLowerCase()}; mail to it bounces.`;
}

function summary(i: Inspected): Partial<DeliveryResult> {
  return {
    kind: i.kind,
    ...(i.subject === undefined ? {} : { subject: i.subject }),
    ...(i.messageId === undefined ? {} : { messageId: i.messageId }),
    attachments: i.attachments,
  };
}

function mb(bytes: number): string {
  return `${(bytes / BYTES_PER_MB).toFixed(2)} MB`;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
