import type { WorkMailApi } from "../backend/workmail-api.js";
import { UsageError } from "../errors/cli-error.js";

/** The model's EmailAddress pattern: a name that matches it (users and resources may be named so) is its own default. */
export const EMAIL_ADDRESS = /^[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\.[a-zA-Z-]{2,}$/;

/**
 * The local part wmctl proposes for an entity's address: the name in lower case, spaces as
 * hyphens, accents dropped, and only the characters an address may hold ("Sales Team" ->
 * "sales-team"). Undefined when nothing usable is left.
 */
export function localPartFrom(name: string): string | undefined {
  const local = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9._%+-]/g, "")
    .replace(/^\.+|\.+$/g, "")
    .slice(0, 64);
  return local === "" ? undefined : local;
}

/** The organization's default mail domain (DescribeOrganization), where `name@` addresses go when none is given. */
export async function defaultDomain(api: WorkMailApi, orgId: string): Promise<string> {
  const org = await api.describeOrganization({ OrganizationId: orgId });
  if (org.DefaultMailDomain === undefined || org.DefaultMailDomain === "") {
    throw new UsageError(
      `organization ${org.Alias ?? orgId} has no default mail domain`,
      "pass a full address with --email",
    );
  }
  return org.DefaultMailDomain;
}

/**
 * `<local part of name>@<the organization's default mail domain>`, as the console proposes; a name
 * that is an address is that address.
 */
export async function defaultEmail(api: WorkMailApi, orgId: string, name: string): Promise<string> {
  if (EMAIL_ADDRESS.test(name.trim())) return name.trim().toLowerCase();
  const local = localPartFrom(name);
  if (local === undefined)
    throw new UsageError(`cannot make an email address from the name "${name}"`, "pass --email ADDRESS");
  return `${local}@${await defaultDomain(api, orgId)}`;
}
