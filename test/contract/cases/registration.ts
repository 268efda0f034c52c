import { expect, it } from "vitest";
import { createOrg, createUser, expectServiceError, testDomain, type ContractCases } from "../support.js";

export const registrationCases: ContractCases = (t) => {
  it("registers a user to WorkMail: ENABLED, with its address, a mailbox and dates", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const id = await createUser(api, org, "alice");
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "Alice@acme.awsapps.com" });
    const d = await api.describeUser({ OrganizationId: org, UserId: "alice@acme.awsapps.com" });
    expect(d).toMatchObject({ UserId: id, State: "ENABLED", Email: "alice@acme.awsapps.com" });
    expect(d.EnabledDate).toBeInstanceOf(Date);
    expect(d.MailboxProvisionedDate).toBeInstanceOf(Date);
    // Registering again with the same address changes nothing.
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "alice@acme.awsapps.com" });
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    const off = await api.describeUser({ OrganizationId: org, UserId: id });
    expect(off).toMatchObject({ State: "DISABLED" });
    expect(off.DisabledDate).toBeInstanceOf(Date);
    expect(off.MailboxDeprovisionedDate).toBeInstanceOf(Date);
  });

  it("refuses a second address for a registered user: EntityAlreadyRegisteredException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const id = await createUser(api, org, "alice", { register: true });
    await expectServiceError(
      api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "other@acme.awsapps.com" }),
      "EntityAlreadyRegisteredException",
      "The user alice is already registered with alice@acme.awsapps.com.",
    );
  });

  it("checks the address's domain and owner: MailDomainNotFound, MailDomainState, EmailAddressInUse, ReservedName", async () => {
    const { api } = t();
    const { OrganizationId } = await api.createOrganization({
      Alias: "acme",
      Domains: [{ DomainName: "pending.example" }],
    });
    const org = OrganizationId as string;
    const domain = await testDomain(api, org);
    await createUser(api, org, "alice", { register: true });
    const bob = await createUser(api, org, "bob");
    await expectServiceError(
      api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: "bob@nowhere.example" }),
      "MailDomainNotFoundException",
      `The domain nowhere.example is not a mail domain of organization ${org}.`,
    );
    await expectServiceError(
      api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: "bob@pending.example" }),
      "MailDomainStateException",
      "The domain pending.example is not verified yet.",
    );
    await expectServiceError(
      api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: `ALICE@${domain}` }),
      "EmailAddressInUseException",
      `The email address alice@${domain} is already in use by another user, group, or resource.`,
    );
    await expectServiceError(
      api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: `amazonjournaling@${domain}` }),
      "ReservedNameException",
    );
  });

  it("deregisters and changes addresses of enabled users only: EntityStateException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const id = await createUser(api, org, "alice");
    await expectServiceError(
      api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id }),
      "EntityStateException",
      "The user alice is DISABLED, not ENABLED.",
    );
    await expectServiceError(
      api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: id, Email: "alice@acme.awsapps.com" }),
      "EntityStateException",
      "The user alice must be enabled to change its primary email address.",
    );
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "alice@acme.awsapps.com" });
    await api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: id, Email: "a.liddell@acme.awsapps.com" });
    expect((await api.describeUser({ OrganizationId: org, UserId: id })).Email).toBe("a.liddell@acme.awsapps.com");
    // The old address still reaches her (it became an alias).
    expect((await api.describeUser({ OrganizationId: org, UserId: "alice@acme.awsapps.com" })).UserId).toBe(id);
  });
};
