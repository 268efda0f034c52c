// Seeds a store with one organization and N registered users, in-process (fast), and returns ids.
import { LocalBackend } from "../dist/local-backend/local-backend.js";

export async function seed(dir, users = 1000) {
  const api = await LocalBackend.open({ dir, region: "us-east-1" });
  try {
    const { OrganizationId } = await api.createOrganization({ Alias: `bench${Date.now() % 100000}` });
    const ids = [];
    for (let i = 0; i < users; i++) {
      const name = `user${String(i).padStart(4, "0")}`;
      const { UserId } = await api.createUser({ OrganizationId, Name: name, DisplayName: `User ${i}` });
      await api.registerToWorkMail({
        OrganizationId,
        EntityId: UserId,
        Email: `${name}@${(await api.describeOrganization({ OrganizationId })).DefaultMailDomain}`,
      });
      ids.push(UserId);
    }
    return { org: OrganizationId, ids };
  } finally {
    api.close();
  }
}
