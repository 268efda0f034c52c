import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import {
  BYTES_PER_MB,
  canHaveMailbox,
  DEFAULT_QUOTA_MB,
  ensureMailbox,
  getMailbox,
  MAX_QUOTA_MB,
  wasProvisioned,
} from "../mail/mailbox-store.js";
import { sweepExpiredMailboxes } from "../mail/retention.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import { requireEntity, type EntityRow } from "./entities.js";

/**
 * The user or resource whose mailbox an operation names. Groups have no mailbox
 * (InvalidParameterException); a user or resource that was never enabled, or a remote user, has
 * none yet (EntityNotFoundException, as for an unknown mailbox).
 */
export function requireMailboxOwner(sim: Sim, orgId: string, identifier: string): EntityRow {
  const row = requireEntity(sim, orgId, identifier);
  if (row.type === "GROUP")
    throw fail.invalidParameter(`${row.name} is a group; groups don't have their own mailboxes.`);
  if (row.state === "DELETED")
    throw fail.entityNotFound(`The ${row.type.toLowerCase()} ${identifier} does not exist in organization ${orgId}.`);
  if (!canHaveMailbox(row))
    throw fail.entityNotFound(`${row.name} is a ${row.role ?? "remote"} user without a mailbox in WorkMail.`);
  if (!wasProvisioned(row)) throw fail.entityNotFound(`${row.name} has no mailbox: it has never been enabled.`);
  return row;
}

export const mailboxHandlers: Handlers = {
  GetMailboxDetails(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sweepExpiredMailboxes(sim, org.id);
    const owner = requireMailboxOwner(sim, org.id, input.UserId);
    const mailbox =
      getMailbox(sim, org.id, owner.id) ??
      (owner.state === "ENABLED" ? ensureMailbox(sim, org.id, owner.id) : undefined);
    return {
      MailboxQuota: mailbox?.quota_mb ?? DEFAULT_QUOTA_MB,
      MailboxSize: (mailbox?.size_bytes ?? 0) / BYTES_PER_MB,
    };
  },

  UpdateMailboxQuota(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sweepExpiredMailboxes(sim, org.id);
    const owner = requireMailboxOwner(sim, org.id, input.UserId);
    if (owner.state !== "ENABLED")
      throw fail.entityState(
        `The ${owner.type.toLowerCase()} ${owner.name} is ${owner.state}; enable it to change its mailbox quota.`,
      );
    if (input.MailboxQuota > MAX_QUOTA_MB) {
      throw fail.invalidParameter(
        `The mailbox quota must be between 1 and ${MAX_QUOTA_MB} MB (50 GB); got ${input.MailboxQuota}.`,
      );
    }
    ensureMailbox(sim, org.id, owner.id);
    sim.db
      .prepare("UPDATE mailboxes SET quota_mb = ? WHERE org_id = ? AND entity_id = ?")
      .run(input.MailboxQuota, org.id, owner.id);
    return {};
  },
};
