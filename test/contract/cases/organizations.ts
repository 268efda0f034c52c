import { expect, it } from "vitest";
import { createOrg, createUser, expectServiceError, type ContractCases } from "../support.js";

const MISSING_ORG = "m-00000000000000000000000000000000";

export const organizationCases: ContractCases = (t) => {
  it("creates an organization: Active, with its test domain, an ARN and a completion date", async () => {
    const { api } = t();
    const id = await createOrg(api, "acme");
    expect(id).toMatch(/^m-[0-9a-f]{32}$/);
    const d = await api.describeOrganization({ OrganizationId: id });
    expect(d).toMatchObject({
      OrganizationId: id,
      Alias: "acme",
      State: "Active",
      DefaultMailDomain: "acme.awsapps.com",
      DirectoryType: "WorkMailDirectory",
    });
    expect(d.ARN).toMatch(new RegExp(`^arn:aws:workmail:us-east-1:\\d{12}:organization/${id}$`));
    expect(d.CompletedDate).toBeInstanceOf(Date);
    expect(Math.abs((d.CompletedDate as Date).getTime() - Date.now())).toBeLessThan(60_000);
    const list = await api.listOrganizations({});
    expect(list.OrganizationSummaries).toEqual([
      { OrganizationId: id, Alias: "acme", State: "Active", DefaultMailDomain: "acme.awsapps.com" },
    ]);
    expect(list.NextToken).toBeUndefined();
  });

  it("refuses a taken alias, whatever its case: NameAvailabilityException", async () => {
    const { api } = t();
    await createOrg(api, "acme");
    await expectServiceError(
      api.createOrganization({ Alias: "ACME" }),
      "NameAvailabilityException",
      "The alias ACME is already in use.",
    );
  });

  it("validates the alias against the model: ValidationException", async () => {
    const { api } = t();
    await expectServiceError(
      api.createOrganization({ Alias: "d-acme" }),
      "ValidationException",
      /^1 validation error detected: Value 'd-acme' at 'alias' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
  });

  it("has no AWS Directory Service: DirectoryUnavailableException", async () => {
    const { api } = t();
    await expectServiceError(
      api.createOrganization({ Alias: "acme", DirectoryId: "d-1234567890" }),
      "DirectoryUnavailableException",
      /^Directory d-1234567890 is unavailable/,
    );
  });

  it("answers OrganizationNotFoundException for an unknown organization", async () => {
    const { api } = t();
    await expectServiceError(
      api.describeOrganization({ OrganizationId: MISSING_ORG }),
      "OrganizationNotFoundException",
      `Organization ${MISSING_ORG} was not found.`,
    );
    await expectServiceError(api.listUsers({ OrganizationId: MISSING_ORG }), "OrganizationNotFoundException");
  });

  it("is idempotent with a ClientToken, and refuses the token with other parameters", async () => {
    const { api } = t();
    const a = await api.createOrganization({ Alias: "acme", ClientToken: "token-1" });
    const b = await api.createOrganization({ Alias: "acme", ClientToken: "token-1" });
    expect(b.OrganizationId).toBe(a.OrganizationId);
    expect((await api.listOrganizations({})).OrganizationSummaries).toHaveLength(1);
    await expectServiceError(
      api.createOrganization({ Alias: "globex", ClientToken: "token-1" }),
      "InvalidParameterException",
      "The client token was already used for a request with other parameters.",
    );
  });

  it("answers a retried DeleteOrganization (same ClientToken) as the first time", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const first = await api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true, ClientToken: "delete-1" });
    expect(first).toMatchObject({ OrganizationId: org, State: "Deleted" });
    expect(
      await api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true, ClientToken: "delete-1" }),
    ).toMatchObject({ OrganizationId: org, State: "Deleted" });
    await expectServiceError(
      api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true, ClientToken: "delete-2" }),
      "OrganizationNotFoundException",
    );
  });

  it("refuses the 101st organization of an account: LimitExceededException", async () => {
    const { api } = t();
    for (let i = 0; i < 100; i++) await createOrg(api, `org${i}`);
    await expectServiceError(
      api.createOrganization({ Alias: "one-too-many" }),
      "LimitExceededException",
      "An account can have at most 100 organizations.",
    );
  });

  it("deletes an organization only without enabled users, unless forced", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await createUser(api, org, "alice", { register: true });
    await expectServiceError(
      api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true }),
      "OrganizationStateException",
      `Organization ${org} has 1 enabled user; disable them first or use ForceDelete.`,
    );
    const deleted = await api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true, ForceDelete: true });
    expect(deleted).toMatchObject({ OrganizationId: org, State: "Deleted" });
    await expectServiceError(api.describeOrganization({ OrganizationId: org }), "OrganizationNotFoundException");
    // The alias is free again.
    expect(await createOrg(api, "acme")).not.toBe(org);
  });
};
