import type { CliError } from "../errors/cli-error.js";
import type { OrganizationRef } from "./context.js";

/** An error that quotes the organization's id names it by its alias too: "organization acme (m-...)". */
export function namingOrganization(err: CliError, org: OrganizationRef | undefined): CliError {
  if (org?.alias === undefined || !err.message.includes(org.id) || err.message.includes(`${org.alias} (${org.id})`))
    return err;
  err.message = err.message.replace(org.id, `${org.alias} (${org.id})`);
  return err;
}
