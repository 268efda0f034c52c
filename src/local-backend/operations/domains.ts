import type { DnsRecordVerificationStatus } from "@aws-sdk/client-workmail";
import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { startPage } from "../pagination.js";
import type { AsyncContext, Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import { domainRecords, newDomainTokens, type DomainTokens } from "./domain-records.js";
import { networkProbe, probeDomain, probeOwnZones, verificationResolvers } from "./domain-verification.js";

/**
 * Mail domains (admin guide: Working with domains). The documented quota is contradictory (seed
 * inventory 0.5: "up to 100 domains" on the Adding a domain page, "1,000 - hard quota" on the quotas
 * page); the simulator follows the quotas page, the more recent and more specific of the two.
 * The test domain `<alias>.awsapps.com` does not count.
 */
export const MAX_MAIL_DOMAINS = 1000;

interface MailDomainRow {
  org_id: string;
  domain: string;
  is_test: number;
  is_default: number;
  ownership_status: DnsRecordVerificationStatus;
  dkim_status: DnsRecordVerificationStatus;
  created_at: number;
  attrs: string;
}

interface VerificationRow {
  ownership_token: string;
  dkim_tokens: string;
  pending_since: number;
  checked_at: number | null;
}

/** Lower-case; labels of letters, digits and inner hyphens; at least two labels; not an awsapps.com name. */
function checkDomainName(raw: string): string {
  const name = raw.toLowerCase().replace(/\.$/, "");
  const labels = name.split(".");
  const valid =
    labels.length >= 2 &&
    name.length <= 253 &&
    labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) &&
    !/^\d+$/.test(labels[labels.length - 1] as string);
  if (!valid) throw fail.invalidParameter(`The domain name ${raw} is not valid.`);
  if (name === "awsapps.com" || name.endsWith(".awsapps.com")) {
    throw fail.invalidParameter(`The domain ${raw} is reserved: awsapps.com names are WorkMail test domains.`);
  }
  return name;
}

function findDomain(sim: Sim, orgId: string, domain: string): MailDomainRow | undefined {
  return sim.db
    .prepare<[string, string], MailDomainRow>("SELECT * FROM mail_domains WHERE org_id = ? AND domain = lower(?)")
    .get(orgId, domain.replace(/\.$/, ""));
}

function requireDomain(sim: Sim, orgId: string, domain: string): MailDomainRow {
  const row = findDomain(sim, orgId, domain);
  if (row === undefined)
    throw fail.mailDomainNotFound(`The domain ${domain} is not a mail domain of organization ${orgId}.`);
  return row;
}

/** New tokens for a domain, its verification window starting at `since`. */
function createVerification(sim: Sim, orgId: string, domain: string, since: number): VerificationRow {
  const t = newDomainTokens();
  const v: VerificationRow = {
    ownership_token: t.ownership,
    dkim_tokens: JSON.stringify(t.dkim),
    pending_since: since,
    checked_at: null,
  };
  sim.db
    .prepare(
      "INSERT INTO mail_domain_verification (org_id, domain, ownership_token, dkim_tokens, pending_since) VALUES (?, ?, ?, ?, ?)",
    )
    .run(orgId, domain, v.ownership_token, v.dkim_tokens, since);
  return v;
}

/** The domain's tokens, created on first use (domains added through CreateOrganization have none yet). */
function verificationOf(sim: Sim, row: MailDomainRow): VerificationRow {
  const existing = sim.db
    .prepare<[string, string], VerificationRow>(
      "SELECT * FROM mail_domain_verification WHERE org_id = ? AND domain = ?",
    )
    .get(row.org_id, row.domain);
  return existing ?? createVerification(sim, row.org_id, row.domain, row.created_at);
}

function tokensOf(v: VerificationRow): DomainTokens {
  return { ownership: v.ownership_token, dkim: JSON.parse(v.dkim_tokens) as DomainTokens["dkim"] };
}

function needsCheck(row: MailDomainRow): boolean {
  return row.is_test === 0 && (row.ownership_status === "PENDING" || row.dkim_status === "PENDING");
}

/**
 * Moves a custom domain's statuses on: PENDING -> VERIFIED when its records resolve, -> FAILED
 * when the verification window has passed without them. VERIFIED and FAILED stay (registering the
 * domain again restarts a failed verification).
 */
async function refreshVerification(ctx: AsyncContext, orgId: string, domain: string): Promise<void> {
  const snapshot = ctx.tx((sim) => {
    const row = findDomain(sim, orgId, domain);
    if (row === undefined || !needsCheck(row)) return undefined;
    const servers = verificationResolvers(sim.db);
    const tokens = tokensOf(verificationOf(sim, row));
    return { row, tokens, servers, own: servers.length === 0 ? probeOwnZones(sim.db, row.domain, tokens) : undefined };
  });
  if (snapshot === undefined) return;
  const found =
    snapshot.own ?? (await probeDomain(networkProbe(snapshot.servers), snapshot.row.domain, snapshot.tokens));
  ctx.tx((sim) => applyProbe(sim, orgId, domain, found, true));
}

function applyProbe(
  sim: Sim,
  orgId: string,
  domain: string,
  found: { ownership: boolean; dkim: boolean },
  mayFail: boolean,
): void {
  const row = findDomain(sim, orgId, domain);
  if (row === undefined) return;
  const v = verificationOf(sim, row);
  const now = sim.now.getTime();
  const expired = mayFail && now >= v.pending_since + sim.lifecycle.domainVerificationWindowSeconds * 1000;
  const next = (status: DnsRecordVerificationStatus, ok: boolean): DnsRecordVerificationStatus =>
    status !== "PENDING" ? status : ok ? "VERIFIED" : expired ? "FAILED" : "PENDING";
  sim.db
    .prepare("UPDATE mail_domains SET ownership_status = ?, dkim_status = ? WHERE org_id = ? AND domain = ?")
    .run(next(row.ownership_status, found.ownership), next(row.dkim_status, found.dkim), row.org_id, row.domain);
  sim.db
    .prepare("UPDATE mail_domain_verification SET checked_at = ? WHERE org_id = ? AND domain = ?")
    .run(now, row.org_id, row.domain);
}

/**
 * Called by the local Route 53 after a change to a zone: pending domains in that zone are checked
 * at once (when the simulator verifies against its own zones), as the service notices published
 * records by itself, without anyone asking GetMailDomain.
 */
export function recheckDomainsInZone(sim: Sim, zoneName: string): void {
  if (verificationResolvers(sim.db).length > 0) return;
  const zone = zoneName.replace(/\.$/, "");
  const rows = sim.db
    .prepare<[string, number, string], MailDomainRow>(
      `SELECT * FROM mail_domains WHERE is_test = 0 AND (ownership_status = 'PENDING' OR dkim_status = 'PENDING')
         AND (domain = ? OR substr(domain, ?) = ?)`,
    )
    .all(zone, -(zone.length + 1), `.${zone}`);
  for (const row of rows)
    applyProbe(
      sim,
      row.org_id,
      row.domain,
      probeOwnZones(sim.db, row.domain, tokensOf(verificationOf(sim, row))),
      false,
    );
}

/**
 * The first half of GetMailDomain and UpdateDefaultMailDomain: the organization and the domain must
 * exist; then a pending domain's records are looked up (outside any transaction) and its statuses
 * moved on. Returns the organization's id.
 */
async function refreshedDomain(
  ctx: AsyncContext,
  input: { readonly OrganizationId: string; readonly DomainName: string },
): Promise<string> {
  const orgId = ctx.tx((sim) => {
    const org = requireOrganization(sim, input.OrganizationId);
    requireDomain(sim, org.id, input.DomainName);
    return org.id;
  });
  await refreshVerification(ctx, orgId, input.DomainName);
  return orgId;
}

/** Addresses (primary or alias) of live users, groups and resources in a domain. */
function addressesIn(sim: Sim, orgId: string, domain: string): string[] {
  return sim.db
    .prepare<[string, number, string], { address: string }>(
      `SELECT a.address FROM addresses a JOIN entities e ON e.org_id = a.org_id AND e.id = a.entity_id
       WHERE a.org_id = ? AND substr(a.address, ?) = ? AND e.state <> 'DELETED' ORDER BY a.address LIMIT 4`,
    )
    .all(orgId, -(domain.length + 1), `@${domain}`)
    .map((r) => r.address);
}

export const domainHandlers: Handlers = {
  RegisterMailDomain(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const domain = checkDomainName(input.DomainName);
    const now = sim.now.getTime();
    const mine = findDomain(sim, org.id, domain);
    if (mine !== undefined) {
      // Registering again refreshes the domain (the guide's way to update its identity policy) and
      // restarts a verification that failed.
      if (mine.is_test === 0 && (mine.ownership_status === "FAILED" || mine.dkim_status === "FAILED")) {
        sim.db
          .prepare(
            `UPDATE mail_domains SET ownership_status = CASE ownership_status WHEN 'FAILED' THEN 'PENDING' ELSE ownership_status END,
               dkim_status = CASE dkim_status WHEN 'FAILED' THEN 'PENDING' ELSE dkim_status END WHERE org_id = ? AND domain = ?`,
          )
          .run(org.id, domain);
        verificationOf(sim, mine);
        sim.db
          .prepare("UPDATE mail_domain_verification SET pending_since = ? WHERE org_id = ? AND domain = ?")
          .run(now, org.id, domain);
      }
      return {};
    }
    const elsewhere = sim.db
      .prepare<[string, string], { org_id: string }>(
        "SELECT d.org_id FROM mail_domains d JOIN organizations o ON o.id = d.org_id WHERE d.domain = ? AND d.org_id <> ? AND o.deleting_at IS NULL",
      )
      .get(domain, org.id);
    if (elsewhere !== undefined)
      throw fail.mailDomainInUse(`The domain ${domain} is already registered by another WorkMail organization.`);
    const count =
      sim.db
        .prepare<[string], { n: number }>("SELECT count(*) AS n FROM mail_domains WHERE org_id = ? AND is_test = 0")
        .get(org.id)?.n ?? 0;
    if (count >= MAX_MAIL_DOMAINS)
      throw fail.limitExceeded(`An organization can have at most ${MAX_MAIL_DOMAINS} mail domains.`);
    sim.db.prepare("INSERT INTO mail_domains (org_id, domain, created_at) VALUES (?, ?, ?)").run(org.id, domain, now);
    createVerification(sim, org.id, domain, now);
    return {};
  },

  DeregisterMailDomain(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = findDomain(sim, org.id, input.DomainName);
    // Like the service's other removals, removing a domain that is not there succeeds.
    if (row === undefined) return {};
    if (row.is_test === 1) throw fail.invalidParameter(`The test domain ${row.domain} cannot be removed.`);
    if (row.is_default === 1) {
      throw fail.mailDomainInUse(
        `The domain ${row.domain} is the default domain of organization ${org.id}; make another domain the default first.`,
      );
    }
    const used = addressesIn(sim, org.id, row.domain);
    if (used.length > 0) {
      const sample = used.slice(0, 3).join(", ") + (used.length > 3 ? ", ..." : "");
      throw fail.mailDomainInUse(
        `The domain ${row.domain} is used by email addresses of users, groups or resources (${sample}); remove those addresses first.`,
      );
    }
    sim.db.prepare("DELETE FROM mail_domains WHERE org_id = ? AND domain = ?").run(org.id, row.domain);
    sim.db.prepare("DELETE FROM mail_domain_verification WHERE org_id = ? AND domain = ?").run(org.id, row.domain);
    return {};
  },

  GetMailDomain: {
    async: async (ctx, input) => {
      const orgId = await refreshedDomain(ctx, input);
      return ctx.tx((sim) => {
        const row = requireDomain(sim, orgId, input.DomainName);
        const records =
          row.is_test === 1 ? [] : domainRecords(sim.region, row.domain, tokensOf(verificationOf(sim, row)));
        return {
          Records: records.map((r) => ({ ...r })),
          IsTestDomain: row.is_test === 1,
          IsDefault: row.is_default === 1,
          OwnershipVerificationStatus: row.ownership_status,
          DkimVerificationStatus: row.dkim_status,
        };
      });
    },
  },

  ListMailDomains(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const pager = startPage("ListMailDomains", input, { org: org.id });
    const rows = sim.db
      .prepare<[string, string, number], MailDomainRow>(
        "SELECT * FROM mail_domains WHERE org_id = ? AND domain > ? ORDER BY domain LIMIT ?",
      )
      .all(org.id, String(pager.after ?? ""), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.domain);
    return {
      MailDomains: page.items.map((r) => ({ DomainName: r.domain, DefaultDomain: r.is_default === 1 })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  UpdateDefaultMailDomain: {
    async: async (ctx, input) => {
      const orgId = await refreshedDomain(ctx, input);
      return ctx.tx((sim) => {
        const row = requireDomain(sim, orgId, input.DomainName);
        if (row.ownership_status !== "VERIFIED") {
          throw fail.mailDomainState(
            `The domain ${row.domain} is not verified (${row.ownership_status}); only a verified domain can be the default.`,
          );
        }
        sim.db
          .prepare("UPDATE mail_domains SET is_default = CASE WHEN domain = ? THEN 1 ELSE 0 END WHERE org_id = ?")
          .run(row.domain, orgId);
        return {};
      });
    },
  },
};
