import { fail } from "../errors.js";
import { sweepExpiredMailboxes } from "../mail/retention.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import { addAddress, checkAddressAvailable, requireEntity } from "./entities.js";
import { checkResourcesAllowed } from "./resources.js";

/**
 * Enabling and disabling users, groups and resources (RegisterToWorkMail /
 * DeregisterFromWorkMail) and changing their primary address.
 *
 * Users (role USER) and resources get a mailbox (a resource's is its booking calendar); groups
 * and remote users never do ("Groups don't have their own mailboxes"), so their mailbox dates stay
 * empty. Disabling keeps an entity's addresses (they stay taken until it is deleted) and its group
 * memberships and delegations. Resources cannot be enabled in interoperability mode.
 */
export const registrationHandlers: Handlers = {
  RegisterToWorkMail(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireEntity(sim, org.id, input.EntityId);
    if (row.state === "DELETED")
      throw fail.entityState(`The ${row.type.toLowerCase()} ${row.name} is deleted and cannot be registered.`);
    // A mailbox disabled for more than 30 days has lost its content before the user comes back.
    sweepExpiredMailboxes(sim, org.id);
    const email = input.Email.toLowerCase();
    if (row.type === "RESOURCE" && row.state !== "ENABLED") checkResourcesAllowed(org, "enabled");
    if (row.state === "ENABLED") {
      if (row.email === email) return {};
      throw fail.entityAlreadyRegistered(
        `The ${row.type.toLowerCase()} ${row.name} is already registered with ${row.email ?? "another address"}.`,
      );
    }
    checkAddressAvailable(sim, org.id, email, row.id);
    const now = sim.now.getTime();
    if (row.email !== null && row.email !== email) {
      sim.db
        .prepare("DELETE FROM addresses WHERE org_id = ? AND address = ? AND entity_id = ?")
        .run(org.id, row.email, row.id);
    }
    sim.db.prepare("UPDATE addresses SET is_primary = 0 WHERE org_id = ? AND entity_id = ?").run(org.id, row.id);
    addAddress(sim, org.id, row.id, email, true);
    const hasMailbox = row.type === "RESOURCE" || (row.type === "USER" && row.role !== "REMOTE_USER");
    sim.db
      .prepare(
        `UPDATE entities SET state = 'ENABLED', email = ?, enabled_at = ?, disabled_at = NULL,
           mailbox_provisioned_at = CASE WHEN ? THEN ? ELSE mailbox_provisioned_at END,
           mailbox_deprovisioned_at = CASE WHEN ? THEN NULL ELSE mailbox_deprovisioned_at END
         WHERE org_id = ? AND id = ?`,
      )
      .run(email, now, hasMailbox ? 1 : 0, now, hasMailbox ? 1 : 0, org.id, row.id);
    return {};
  },

  DeregisterFromWorkMail(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireEntity(sim, org.id, input.EntityId);
    if (row.state !== "ENABLED") {
      throw fail.entityState(`The ${row.type.toLowerCase()} ${row.name} is ${row.state}, not ENABLED.`);
    }
    const now = sim.now.getTime();
    const hadMailbox = row.mailbox_provisioned_at !== null && row.mailbox_deprovisioned_at === null;
    sim.db
      .prepare(
        "UPDATE entities SET state = 'DISABLED', disabled_at = ?, mailbox_deprovisioned_at = CASE WHEN ? THEN ? ELSE mailbox_deprovisioned_at END WHERE org_id = ? AND id = ?",
      )
      .run(now, hadMailbox ? 1 : 0, now, org.id, row.id);
    return {};
  },

  UpdatePrimaryEmailAddress(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireEntity(sim, org.id, input.EntityId);
    if (row.state !== "ENABLED") {
      throw fail.entityState(
        `The ${row.type.toLowerCase()} ${row.name} must be enabled to change its primary email address.`,
      );
    }
    const email = checkAddressAvailable(sim, org.id, input.Email, row.id);
    if (email === row.email) return {};
    // The current primary address becomes an alias (or swaps with the alias being promoted).
    sim.db.prepare("UPDATE addresses SET is_primary = 0 WHERE org_id = ? AND entity_id = ?").run(org.id, row.id);
    addAddress(sim, org.id, row.id, email, true);
    sim.db.prepare("UPDATE entities SET email = ? WHERE org_id = ? AND id = ?").run(email, org.id, row.id);
    return {};
  },
};
