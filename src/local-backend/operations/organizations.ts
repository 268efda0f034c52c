import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { newId } from "../ids.js";
import { startPage } from "../pagination.js";
import type { Handlers } from "./handler.js";
import { applyOrganizationDefaults } from "./organization-defaults.js";

/** The service's quota of organizations per account (guide: quotas). */
export const MAX_ORGANIZATIONS = 100;

export type OrganizationState = "Creating" | "Active" | "Deleting" | "Deleted";

export interface OrganizationRow {
  id: string;
  alias: string;
  directory_id: string;
  directory_type: string;
  kms_key_arn: string | null;
  interoperability_enabled: number;
  migration_admin: string | null;
  client_token: string | null;
  created_at: number;
  active_at: number;
  deleting_at: number | null;
  deleted_at: number | null;
  delete_client_token: string | null;
}

/** The state an organization is in at the simulator's current time. */
export function organizationState(row: OrganizationRow, now: number): OrganizationState {
  if (row.deleted_at !== null && row.deleted_at <= now) return "Deleted";
  if (row.deleting_at !== null) return "Deleting";
  return now < row.active_at ? "Creating" : "Active";
}

export function organizationArn(sim: Sim, id: string): string {
  return `arn:aws:workmail:${sim.region}:${sim.accountId}:organization/${id}`;
}

export function testDomainOf(alias: string): string {
  return `${alias.toLowerCase()}.awsapps.com`;
}

function getOrganization(sim: Sim, id: string): OrganizationRow | undefined {
  return sim.db.prepare<[string], OrganizationRow>("SELECT * FROM organizations WHERE id = ?").get(id);
}

/**
 * The organization an operation names. Unknown -> OrganizationNotFoundException; not Active
 * (still Creating, or being deleted) -> OrganizationStateException, as the service answers.
 */
export function requireOrganization(
  sim: Sim,
  id: string,
  options: { active?: boolean } = { active: true },
): OrganizationRow {
  const row = getOrganization(sim, id);
  const now = sim.now.getTime();
  if (row === undefined || organizationState(row, now) === "Deleted") {
    throw fail.organizationNotFound(`Organization ${id} was not found.`);
  }
  const state = organizationState(row, now);
  if (options.active !== false && state !== "Active") {
    throw fail.organizationState(`Organization ${id} is ${state}; the operation needs an Active organization.`);
  }
  return row;
}

function defaultMailDomain(sim: Sim, orgId: string): string | undefined {
  return sim.db
    .prepare<[string], { domain: string }>("SELECT domain FROM mail_domains WHERE org_id = ? AND is_default = 1")
    .get(orgId)?.domain;
}

export const organizationHandlers: Handlers = {
  CreateOrganization(sim, input) {
    const now = sim.now.getTime();
    if (input.ClientToken !== undefined) {
      const previous = sim.db
        .prepare<[string], OrganizationRow>("SELECT * FROM organizations WHERE client_token = ?")
        .get(input.ClientToken);
      if (previous !== undefined) {
        if (previous.alias.toLowerCase() !== input.Alias.toLowerCase()) {
          throw fail.invalidParameter("The client token was already used for a request with other parameters.");
        }
        return { OrganizationId: previous.id };
      }
    }
    if (input.DirectoryId !== undefined) {
      // The simulator has no AWS Directory Service: every organization gets its own WorkMail directory.
      throw fail.directoryUnavailable(
        `Directory ${input.DirectoryId} is unavailable: the local simulator has no AWS Directory Service; omit DirectoryId.`,
      );
    }
    const live =
      sim.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM organizations WHERE deleting_at IS NULL").get()?.n ??
      0;
    if (live >= MAX_ORGANIZATIONS) {
      throw fail.limitExceeded(`An account can have at most ${MAX_ORGANIZATIONS} organizations.`);
    }
    const taken = sim.db
      .prepare<[string], { id: string }>(
        "SELECT id FROM organizations WHERE lower(alias) = lower(?) AND deleting_at IS NULL",
      )
      .get(input.Alias);
    if (taken !== undefined) throw fail.nameAvailability(`The alias ${input.Alias} is already in use.`);

    const id = newId.organization();
    sim.db
      .prepare(
        `INSERT INTO organizations (id, alias, directory_id, directory_type, kms_key_arn, interoperability_enabled, client_token, created_at, active_at)
         VALUES (?, ?, ?, 'WorkMailDirectory', ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.Alias,
        `d-${newId.token(5)}`,
        input.KmsKeyArn ?? null,
        input.EnableInteroperability === true ? 1 : 0,
        input.ClientToken ?? null,
        now,
        now + sim.lifecycle.organizationCreateSeconds * 1000,
      );
    sim.db
      .prepare(
        "INSERT INTO mail_domains (org_id, domain, is_test, is_default, ownership_status, dkim_status, created_at) VALUES (?, ?, 1, 1, 'VERIFIED', 'VERIFIED', ?)",
      )
      .run(id, testDomainOf(input.Alias), now);
    for (const d of input.Domains ?? []) {
      if (d.DomainName === undefined) continue;
      sim.db
        .prepare("INSERT OR IGNORE INTO mail_domains (org_id, domain, created_at, attrs) VALUES (?, lower(?), ?, ?)")
        .run(
          id,
          d.DomainName,
          now,
          JSON.stringify(d.HostedZoneId === undefined ? {} : { hostedZoneId: d.HostedZoneId }),
        );
    }
    applyOrganizationDefaults(sim, id);
    return { OrganizationId: id };
  },

  DescribeOrganization(sim, input) {
    const row = requireOrganization(sim, input.OrganizationId, { active: false });
    const now = sim.now.getTime();
    const state = organizationState(row, now);
    return {
      OrganizationId: row.id,
      Alias: row.alias,
      State: state,
      DirectoryId: row.directory_id,
      DirectoryType: row.directory_type,
      DefaultMailDomain: defaultMailDomain(sim, row.id),
      ...(state === "Creating" ? {} : { CompletedDate: new Date(row.active_at) }),
      ARN: organizationArn(sim, row.id),
      InteroperabilityEnabled: row.interoperability_enabled === 1,
      ...(row.migration_admin === null ? {} : { MigrationAdmin: row.migration_admin }),
    };
  },

  ListOrganizations(sim, input) {
    const pager = startPage("ListOrganizations", input, null);
    const rows = sim.db
      .prepare<[string, number], OrganizationRow & { rid: number }>(
        "SELECT rowid AS rid, * FROM organizations WHERE rowid > ? ORDER BY rowid LIMIT ?",
      )
      .all(String(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.rid);
    const now = sim.now.getTime();
    return {
      OrganizationSummaries: page.items.map((r) => ({
        OrganizationId: r.id,
        Alias: r.alias,
        State: organizationState(r, now),
        DefaultMailDomain: defaultMailDomain(sim, r.id),
      })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  DeleteOrganization(sim, input) {
    const now = sim.now.getTime();
    if (input.ClientToken !== undefined) {
      // A retried request (same ClientToken) gets the same answer, even once the organization is gone.
      const done = getOrganization(sim, input.OrganizationId);
      if (done !== undefined && done.delete_client_token === input.ClientToken)
        return { OrganizationId: done.id, State: organizationState(done, now) };
    }
    const row = requireOrganization(sim, input.OrganizationId, { active: false });
    const state = organizationState(row, now);
    if (row.deleting_at !== null) {
      // Repeating a delete (the same ClientToken, or after it started) reports where it stands.
      return { OrganizationId: row.id, State: state };
    }
    if (state === "Creating") throw fail.organizationState(`Organization ${row.id} is still being created.`);
    if (input.ForceDelete !== true) {
      const enabled =
        sim.db
          .prepare<[string], { n: number }>(
            "SELECT count(*) AS n FROM entities WHERE org_id = ? AND type = 'USER' AND state = 'ENABLED'",
          )
          .get(row.id)?.n ?? 0;
      if (enabled > 0) {
        throw fail.organizationState(
          `Organization ${row.id} has ${enabled} enabled user${enabled > 1 ? "s" : ""}; disable them first or use ForceDelete.`,
        );
      }
    }
    const deletedAt = now + sim.lifecycle.organizationDeleteSeconds * 1000;
    sim.db
      .prepare("UPDATE organizations SET deleting_at = ?, deleted_at = ?, delete_client_token = ? WHERE id = ?")
      .run(now, deletedAt, input.ClientToken ?? null, row.id);
    return { OrganizationId: row.id, State: deletedAt <= now ? "Deleted" : "Deleting" };
  },
};
