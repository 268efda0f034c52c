import { collect, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defaultDomain, defaultEmail } from "../../context/default-email.js";
import { UsageError } from "../../errors/cli-error.js";
import { ServiceError } from "../../errors/service-error.js";
import { unlessServiceError } from "../../errors/with-hint.js";

/** Every alias of an entity (ListAliases takes the entity's id). */
export function aliasesOf(api: WorkMailApi, orgId: string, entityId: string): Promise<string[]> {
  return collect(
    paginate((t) => api.listAliases({ OrganizationId: orgId, EntityId: entityId, NextToken: t }), "Aliases"),
  );
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/**
 * An address as the admin typed it: a full address, or a local part that gets `domain`
 * (`bobby` -> `bobby@example.com`). Addresses are case-insensitive; wmctl shows them lower-case.
 */
export function qualifyAddress(typed: string, domain: string | undefined): string {
  const t = typed.trim();
  if (t === "") throw new UsageError("an empty email address was given");
  if (t.includes("@")) return t.toLowerCase();
  if (domain === undefined) throw new UsageError(`"${t}" is not a full email address`, "write it as local@domain");
  return `${t}@${domain}`.toLowerCase();
}

/**
 * Hints for the errors of an address the service refuses (RegisterToWorkMail, UpdatePrimaryEmailAddress,
 * CreateAlias), for withHints: who has it, or which domain to add or verify; `flag` names the option that
 * picks another address, `then` what to do afterwards.
 */
export function addressHints(address: string, options: { flag?: string; then?: string } = {}): Record<string, string> {
  const domain = domainOf(address);
  const tail = `${options.flag === undefined ? "" : `, or pass another ${options.flag}`}${options.then === undefined ? "" : `; ${options.then}`}`;
  return {
    EmailAddressInUseException: `see who has it: wmctl whois ${address}${tail}`,
    MailDomainNotFoundException: `add the domain first: wmctl domain add ${domain}${tail}`,
    MailDomainStateException: `verify the domain first: wmctl domain verify ${domain}${tail}`,
  };
}

/**
 * The address a user, group or resource is enabled with (RegisterToWorkMail): `typed` (--email: a full
 * address, or a local part on the default domain); else the address it had before it was disabled;
 * else <name>@<default domain>.
 */
export async function addressToEnable(
  api: WorkMailApi,
  orgId: string,
  entity: { name: string; email?: string | undefined },
  typed: string | undefined,
): Promise<string> {
  if (typed !== undefined)
    return qualifyAddress(typed, typed.includes("@") ? undefined : await defaultDomain(api, orgId));
  if (entity.email !== undefined && entity.email !== "") return entity.email.toLowerCase();
  return defaultEmail(api, orgId, entity.name);
}

/** Verified domains, per backend: a bulk run checks each domain once, not once per row. */
const verifiedDomains = new WeakMap<WorkMailApi, Set<string>>();

/**
 * Checks, before anything changes, that an entity can take `address`: its domain is a mail domain of
 * the organization and verified, and no other user, group or resource has it (the owner itself, by
 * id or, under a race, by its name and kind, may). Throws the error the service would answer,
 * with the hint of `addressHints`; `flag` names the option that picks another address.
 */
export async function checkAddressUsable(
  api: WorkMailApi,
  orgId: string,
  address: string,
  owner: { readonly id: string | undefined; readonly name: string; readonly type: "USER" | "GROUP" | "RESOURCE" },
  flag: string,
): Promise<void> {
  const domain = domainOf(address).toLowerCase();
  const hints = addressHints(address, { flag });
  const verified = verifiedDomains.get(api) ?? new Set<string>();
  verifiedDomains.set(api, verified);
  if (!verified.has(`${orgId}/${domain}`)) {
    const d = await unlessServiceError(
      api.getMailDomain({ OrganizationId: orgId, DomainName: domain }),
      "MailDomainNotFoundException",
    );
    if (d === undefined) {
      throw new ServiceError(
        "MailDomainNotFoundException",
        `${domain} is not a mail domain of this organization (for ${address})`,
        { hint: hints.MailDomainNotFoundException as string },
      );
    }
    const status = d.OwnershipVerificationStatus;
    if (status !== undefined && status !== "VERIFIED") {
      throw new ServiceError(
        "MailDomainStateException",
        `the domain ${domain} is not verified (${status}), so ${address} cannot be used yet`,
        { hint: hints.MailDomainStateException as string },
      );
    }
    verified.add(`${orgId}/${domain}`);
  }
  const holder = await unlessServiceError(
    api.describeEntity({ OrganizationId: orgId, Email: address }),
    "EntityNotFoundException",
  );
  if (holder?.EntityId === undefined || holder.EntityId === owner.id) return;
  if (holder.Type === owner.type && holder.Name?.toLowerCase() === owner.name.toLowerCase()) return;
  const noun = (holder.Type ?? "entity").toLowerCase();
  throw new ServiceError(
    "EmailAddressInUseException",
    `${address} is already in use by ${noun} ${holder.Name ?? holder.EntityId}`,
    { hint: hints.EmailAddressInUseException as string },
  );
}
