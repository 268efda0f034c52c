import { LocalBackend } from "../../src/local-backend/index.js";
import type { CliHarness } from "./run-cli.js";

/**
 * Creates an organization through the CLI and users in it straight through the simulator
 * (CreateUser + RegisterToWorkMail), so the policy commands have people to name. Returns the
 * organization id and the users' ids by name.
 */
export async function seedOrgWithUsers(
  cli: CliHarness,
  names: readonly string[],
  options: { disabled?: readonly string[] } = {},
): Promise<{ org: string; ids: Record<string, string> }> {
  const created = await cli.run("org create acme");
  if (created.code !== 0) throw new Error(created.stderr);
  const backend = await LocalBackend.open({ dir: cli.home, region: "us-east-1" });
  try {
    const org = (await backend.listOrganizations({})).OrganizationSummaries?.[0]?.OrganizationId as string;
    const ids: Record<string, string> = {};
    for (const name of [...names, ...(options.disabled ?? [])]) {
      const id = (
        await backend.createUser({ OrganizationId: org, Name: name, DisplayName: name, Password: "Passw0rd!x" })
      ).UserId as string;
      if (!(options.disabled ?? []).includes(name))
        await backend.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@acme.awsapps.com` });
      ids[name] = id;
    }
    return { org, ids };
  } finally {
    backend.close();
  }
}
