import { expect, it } from "vitest";
import { createOrg, createUser, expectServiceError, PASSWORD, type ContractCases } from "../support.js";

export const userCases: ContractCases = (t) => {
  it("creates, describes, updates and lists a user", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const id = await createUser(api, org, "alice");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await api.describeUser({ OrganizationId: org, UserId: id })).toMatchObject({
      UserId: id,
      Name: "alice",
      DisplayName: "ALICE",
      State: "DISABLED",
      UserRole: "USER",
      HiddenFromGlobalAddressList: false,
    });
    await api.updateUser({
      OrganizationId: org,
      UserId: id,
      FirstName: "Alice",
      LastName: "Liddell",
      JobTitle: "Explorer",
      HiddenFromGlobalAddressList: true,
    });
    const d = await api.describeUser({ OrganizationId: org, UserId: "alice" });
    expect(d).toMatchObject({
      UserId: id,
      FirstName: "Alice",
      LastName: "Liddell",
      JobTitle: "Explorer",
      HiddenFromGlobalAddressList: true,
    });
    const list = await api.listUsers({ OrganizationId: org });
    expect(list.Users).toEqual([{ Id: id, Name: "alice", DisplayName: "ALICE", State: "DISABLED", UserRole: "USER" }]);
  });

  it("refuses reserved and taken names: ReservedNameException, NameAvailabilityException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await createUser(api, org, "alice");
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "Administrator", DisplayName: "Admin" }),
      "ReservedNameException",
      "The name Administrator is reserved and cannot be used.",
    );
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "ALICE", DisplayName: "Other Alice" }),
      "NameAvailabilityException",
      "The name ALICE is already used by a user in this organization.",
    );
  });

  it("checks the password policy: InvalidPasswordException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "bob", DisplayName: "Bob", Password: "alllowercase" }),
      "InvalidPasswordException",
      /three of these groups/,
    );
    const bob = await createUser(api, org, "bob");
    await expectServiceError(
      api.resetPassword({ OrganizationId: org, UserId: bob, Password: "short1A" }),
      "InvalidPasswordException",
      "The password must be at least 8 characters long.",
    );
    await api.resetPassword({ OrganizationId: org, UserId: bob, Password: "An0ther-Password" });
  });

  it("validates requests against the model: ValidationException naming every violation", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "bad name!", DisplayName: undefined as unknown as string }),
      "ValidationException",
      /^2 validation errors detected: Value null at 'displayName' failed to satisfy constraint: Member must not be null; Value 'bad name!' at 'name'/,
    );
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "carol", DisplayName: "C", Password: "pässwörd\u4e00A1" }),
      "ValidationException",
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\u00FF]+",
    );
  });

  it("refuses roles the service keeps for itself: InvalidParameterException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "svc", DisplayName: "Svc", Role: "SYSTEM_USER" }),
      "InvalidParameterException",
      "The role SYSTEM_USER cannot be assigned; use USER or REMOTE_USER.",
    );
  });

  it("answers EntityNotFoundException for an unknown user", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await expectServiceError(
      api.describeUser({ OrganizationId: org, UserId: "nobody" }),
      "EntityNotFoundException",
      `The user nobody does not exist in organization ${org}.`,
    );
  });

  it("deletes only disabled users, then keeps them as DELETED: EntityStateException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const id = await createUser(api, org, "alice", { register: true });
    await expectServiceError(
      api.deleteUser({ OrganizationId: org, UserId: id }),
      "EntityStateException",
      /disable \(deregister\) the user before deleting it/,
    );
    await expectServiceError(
      api.updateUser({ OrganizationId: org, UserId: id, Role: "SYSTEM_USER" }),
      "InvalidParameterException",
    );
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    await api.deleteUser({ OrganizationId: org, UserId: id });
    expect((await api.describeUser({ OrganizationId: org, UserId: id })).State).toBe("DELETED");
    await expectServiceError(
      api.updateUser({ OrganizationId: org, UserId: id, FirstName: "X" }),
      "EntityStateException",
    );
    await expectServiceError(
      api.resetPassword({ OrganizationId: org, UserId: id, Password: PASSWORD }),
      "EntityStateException",
    );
    // The name is free again.
    expect(await createUser(api, org, "alice")).not.toBe(id);
  });
};
