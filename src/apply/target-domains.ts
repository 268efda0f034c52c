import { collect, paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { ConflictError } from "../errors/cli-error.js";
import type { InventoryDocument } from "../inventory/document.js";
import { type DomainMap, domainOfAddress } from "../inventory/domain-map.js";
import { isNotImplemented } from "../inventory/service-errors.js";

export interface TargetDomain {
  readonly name: string;
  /** VERIFIED, PENDING, FAILED ... (OwnershipVerificationStatus). */
  readonly status: string;
  readonly isTest: boolean;
  readonly isDefault: boolean;
}

export interface TargetOrganization {
  readonly id: string;
  readonly alias: string | undefined;
  readonly defaultMailDomain: string | undefined;
  readonly interoperabilityEnabled: boolean;
  readonly domains: ReadonlyMap<string, TargetDomain>;
  /** False when the backend does not implement ListMailDomains: only the default domain is known. */
  readonly domainsListed: boolean;
  readonly testDomain: string | undefined;
}

/** DescribeOrganization, ListMailDomains and GetMailDomain of the target (ownership status of each domain). */
export async function describeTarget(api: WorkMailApi, orgId: string): Promise<TargetOrganization> {
  const o = await api.describeOrganization({ OrganizationId: orgId });
  if (o.State !== "Active")
    throw new ConflictError(
      `organization ${o.Alias ?? orgId} is ${o.State ?? "not active"}`,
      "restore into an Active organization (wmctl org create ALIAS --wait)",
    );
  const defaultMailDomain = o.DefaultMailDomain?.toLowerCase();
  const domains = new Map<string, TargetDomain>();
  let domainsListed = true;
  try {
    const list = await collect(
      paginate((t) => api.listMailDomains({ OrganizationId: orgId, NextToken: t }), "MailDomains"),
    );
    await Promise.all(
      list.map(async (d) => {
        const name = (d.DomainName ?? "").toLowerCase();
        const g = await api.getMailDomain({ OrganizationId: orgId, DomainName: name });
        domains.set(name, {
          name,
          status: g.OwnershipVerificationStatus ?? "PENDING",
          isTest: g.IsTestDomain === true,
          isDefault: g.IsDefault === true || d.DefaultDomain === true,
        });
      }),
    );
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    // Without the domain operations, the default domain (which must be verified) is all we know.
    domainsListed = false;
    if (defaultMailDomain !== undefined)
      domains.set(defaultMailDomain, {
        name: defaultMailDomain,
        status: "VERIFIED",
        isTest: defaultMailDomain.endsWith(".awsapps.com"),
        isDefault: true,
      });
  }
  const testDomain =
    [...domains.values()].find((d) => d.isTest)?.name ??
    (o.Alias === undefined ? undefined : `${o.Alias.toLowerCase()}.awsapps.com`);
  return {
    id: orgId,
    alias: o.Alias,
    defaultMailDomain,
    interoperabilityEnabled: o.InteroperabilityEnabled === true,
    domains,
    domainsListed,
    testDomain,
  };
}

/** The source organization's test domain (`<alias>.awsapps.com`), from the inventory. */
export function sourceTestDomain(doc: InventoryDocument): string | undefined {
  const listed = doc.areas.domains?.find((d) => d.isTestDomain)?.name;
  if (listed !== undefined) return listed;
  const alias = doc.source.alias ?? doc.areas.organization?.alias;
  return alias === undefined ? undefined : `${alias.toLowerCase()}.awsapps.com`;
}

/** Every address of the inventory (primary and aliases of users, groups, resources). */
function inventoryAddresses(doc: InventoryDocument): string[] {
  const out: string[] = [];
  for (const list of [doc.areas.users, doc.areas.groups, doc.areas.resources]) {
    for (const e of list ?? []) {
      if (e.email !== undefined) out.push(e.email);
      out.push(...e.aliases);
    }
  }
  return out;
}

export interface DomainNeed {
  readonly domain: string;
  readonly addresses: number;
  readonly isDefault: boolean;
  /** Why the target cannot take addresses on it (undefined: it can). */
  readonly problem: string | undefined;
}

/**
 * The domains the restore needs in the target (after mapping): every domain with an address, and
 * the default domain. A domain that is not verified there cannot carry addresses.
 */
export function domainNeeds(doc: InventoryDocument, map: DomainMap, target: TargetOrganization): DomainNeed[] {
  const count = new Map<string, number>();
  for (const a of inventoryAddresses(doc)) {
    const d = domainOfAddress(map.address(a));
    count.set(d, (count.get(d) ?? 0) + 1);
  }
  const def = doc.areas.organization?.defaultMailDomain;
  const wantDefault = def === undefined ? undefined : map.domain(def).toLowerCase();
  if (wantDefault !== undefined && !count.has(wantDefault)) count.set(wantDefault, 0);
  return [...count.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([domain, addresses]) => {
      const t = target.domains.get(domain);
      const problem =
        t === undefined
          ? target.domainsListed
            ? "not a domain of the target organization"
            : "not known to be verified (this backend cannot list domains)"
          : t.status !== "VERIFIED"
            ? `${t.status} in the target organization, not VERIFIED`
            : undefined;
      return { domain, addresses, isDefault: domain === wantDefault, problem };
    });
}

/** The test-domain mapping every restore into another organization needs, plus the admin's --map-domain. */
export function effectiveMap(doc: InventoryDocument, explicit: DomainMap, target: TargetOrganization): DomainMap {
  const from = sourceTestDomain(doc);
  return from === undefined || target.testDomain === undefined
    ? explicit
    : explicit.withDefault(from, target.testDomain);
}
