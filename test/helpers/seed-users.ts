import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend } from "../../src/local-backend/index.js";

/**
 * Creates enabled users (CreateUser + RegisterToWorkMail on `<name>@<default domain>`) straight in
 * the local store of a test's WMCTL_HOME, for tests of commands that need users to exist.
 * Returns the users' ids by name.
 */
export async function seedUsers(
  home: string,
  names: readonly string[],
  options: { enabled?: boolean } = {},
): Promise<Record<string, string>> {
  const backend = (await LocalBackend.open({ dir: home, region: "us-east-1" })) as LocalBackend & WorkMailApi;
  try {
    const orgs = (await backend.listOrganizations({})).OrganizationSummaries ?? [];
    const org = orgs.find((o) => o.State === "Active");
    if (org?.OrganizationId === undefined) throw new Error("seedUsers: create an organization first");
    const ids: Record<string, string> = {};
    for (const name of names) {
      const id = (await backend.createUser({ OrganizationId: org.OrganizationId, Name: name, DisplayName: name }))
        .UserId as string;
      if (options.enabled !== false) {
        await backend.registerToWorkMail({
          OrganizationId: org.OrganizationId,
          EntityId: id,
          Email: `${name}@${org.DefaultMailDomain ?? ""}`,
        });
      }
      ids[name] = id;
    }
    return ids;
  } finally {
    backend.close();
  }
}
