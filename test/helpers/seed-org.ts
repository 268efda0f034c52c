import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend } from "../../src/local-backend/index.js";

export interface SeededOrg {
  readonly orgId: string;
  readonly users: number;
  readonly groups: number;
  readonly resources: number;
  readonly aliases: number;
}

const PASSWORD = "Seed-Passw0rd!";
const DEPARTMENTS = ["Sales", "Support", "Engineering", "Finance", "Legal", "Marketing", "Operations", "People"];
const CITIES = ["Paris", "Lyon", "Zürich", "São Paulo", "Montréal"];

/**
 * An organization shaped like a real one, built straight in the local store of `home`: `users`
 * users with attributes (every 10th hidden, every 30th a REMOTE_USER, every 25th disabled after
 * being enabled, every 40th never enabled), aliases on every 6th; one group per department,
 * nested under "All Staff" through "Leadership" and "Managers" (three levels), a hidden group, a
 * disabled group, "Board Members" (a name with a space); rooms and equipment with descriptions,
 * delegates (users and groups), booking options that need a delegate, one hidden, one disabled.
 */
export async function seedOrganization(
  home: string,
  alias: string,
  options: { users?: number } = {},
): Promise<SeededOrg> {
  const api = (await LocalBackend.open({ dir: home, region: "us-east-1" })) as LocalBackend & WorkMailApi;
  try {
    const { OrganizationId } = await api.createOrganization({ Alias: alias });
    const org = OrganizationId as string;
    const domain = `${alias}.awsapps.com`;
    const count = options.users ?? 300;
    const ids = new Map<string, string>();
    let aliases = 0;
    for (let i = 0; i < count; i++) {
      const name = `user${String(i).padStart(4, "0")}`;
      const remote = i % 30 === 29;
      const { UserId } = await api.createUser({
        OrganizationId: org,
        Name: name,
        DisplayName: `User ${i}`,
        FirstName: `First${i}`,
        LastName: `Last${i}`,
        ...(remote ? { Role: "REMOTE_USER" } : { Password: PASSWORD }),
        ...(i % 10 === 9 ? { HiddenFromGlobalAddressList: true } : {}),
      });
      const id = UserId as string;
      ids.set(name, id);
      await api.updateUser({
        OrganizationId: org,
        UserId: id,
        Department: DEPARTMENTS[i % DEPARTMENTS.length],
        City: CITIES[i % CITIES.length],
        ...(i % 3 === 0
          ? { JobTitle: "Engineer", Telephone: `+33 1 23 45 ${String(i).padStart(4, "0")}`, Office: `B${i % 7}` }
          : {}),
        ...(i % 7 === 0
          ? { Initials: "XY", Street: "1 rue de la Paix", ZipCode: "75002", Country: "France", Company: "Acme SA" }
          : {}),
      });
      if (i % 40 === 39) continue; // never enabled
      await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@${domain}` });
      if (i % 6 === 0) {
        for (let k = 0; k < 1 + (i % 3); k++) {
          await api.createAlias({ OrganizationId: org, EntityId: id, Alias: `${name}.a${k}@${domain}` });
          aliases++;
        }
      }
      if (i % 25 === 24) await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    }
    const group = async (name: string, opts: { hidden?: boolean; email?: string | false } = {}) => {
      const { GroupId } = await api.createGroup({
        OrganizationId: org,
        Name: name,
        ...(opts.hidden ? { HiddenFromGlobalAddressList: true } : {}),
      });
      ids.set(name, GroupId as string);
      if (opts.email !== false)
        await api.registerToWorkMail({
          OrganizationId: org,
          EntityId: GroupId as string,
          Email: opts.email ?? `${name.toLowerCase().replace(/ /g, "-")}@${domain}`,
        });
      return GroupId as string;
    };
    const member = (g: string, m: string) =>
      api.associateMemberToGroup({
        OrganizationId: org,
        GroupId: ids.get(g) as string,
        MemberId: ids.get(m) as string,
      });
    await group("All Staff");
    await group("Leadership");
    await group("Managers", { hidden: true });
    await group("Board Members", { email: `board@${domain}` });
    await group("Alumni", { email: false });
    await group("Old Team");
    for (const d of DEPARTMENTS) {
      await group(d);
      await member("All Staff", d);
    }
    for (let i = 0; i < count; i++) {
      const name = `user${String(i).padStart(4, "0")}`;
      await member(DEPARTMENTS[i % DEPARTMENTS.length] as string, name);
      if (i % 50 === 0) await member("Managers", name);
      if (i % 97 === 0) await member("Board Members", name);
      if (i % 40 === 39) await member("Alumni", name);
    }
    await member("Leadership", "Managers");
    await member("All Staff", "Leadership");
    await member("Old Team", "user0001");
    await api.createAlias({
      OrganizationId: org,
      EntityId: ids.get("All Staff") as string,
      Alias: `everyone@${domain}`,
    });
    await api.createAlias({ OrganizationId: org, EntityId: ids.get("Sales") as string, Alias: `deals@${domain}` });
    aliases += 2;
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: ids.get("Old Team") as string });

    const resource = async (name: string, type: "ROOM" | "EQUIPMENT", description?: string, hidden = false) => {
      const { ResourceId } = await api.createResource({
        OrganizationId: org,
        Name: name,
        Type: type,
        ...(description ? { Description: description } : {}),
        ...(hidden ? { HiddenFromGlobalAddressList: true } : {}),
      });
      ids.set(name, ResourceId as string);
      await api.registerToWorkMail({ OrganizationId: org, EntityId: ResourceId as string, Email: `${name}@${domain}` });
      return ResourceId as string;
    };
    const rooms = ["room-101", "room-102", "board-room", "van-1", "projector-2", "lab-3", "studio"];
    for (const [i, r] of rooms.entries())
      await resource(
        r,
        i >= 3 && i <= 4 ? "EQUIPMENT" : "ROOM",
        i % 2 === 0 ? `${4 + i * 2} seats, screen` : undefined,
        r === "lab-3",
      );
    const delegate = (r: string, e: string) =>
      api.associateDelegateToResource({
        OrganizationId: org,
        ResourceId: ids.get(r) as string,
        EntityId: ids.get(e) as string,
      });
    await delegate("board-room", "Board Members");
    await delegate("board-room", "user0000");
    await delegate("van-1", "Operations");
    await delegate("projector-2", "user0003");
    await api.updateResource({
      OrganizationId: org,
      ResourceId: ids.get("board-room") as string,
      BookingOptions: {
        AutoAcceptRequests: false,
        AutoDeclineRecurringRequests: true,
        AutoDeclineConflictingRequests: true,
      },
    });
    await api.updateResource({
      OrganizationId: org,
      ResourceId: ids.get("van-1") as string,
      BookingOptions: {
        AutoAcceptRequests: false,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: false,
      },
    });
    await api.updateResource({
      OrganizationId: org,
      ResourceId: ids.get("room-102") as string,
      BookingOptions: {
        AutoAcceptRequests: true,
        AutoDeclineRecurringRequests: true,
        AutoDeclineConflictingRequests: false,
      },
    });
    await api.createAlias({
      OrganizationId: org,
      EntityId: ids.get("board-room") as string,
      Alias: `boardroom@${domain}`,
    });
    aliases++;
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: ids.get("studio") as string });
    return { orgId: org, users: count, groups: 6 + DEPARTMENTS.length, resources: rooms.length, aliases };
  } finally {
    api.close();
  }
}
