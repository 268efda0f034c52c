import { expect, it } from "vitest";
import { createOrg, createUser, expectServiceError, type ContractCases } from "../support.js";

export const lifecycleCases: ContractCases = (t) => {
  it("keeps a new organization Creating until the clock passes its delay", async () => {
    const { api, sim } = t();
    expect(await sim.setLifecycle({ organizationCreateSeconds: 3600 })).toMatchObject({
      organizationCreateSeconds: 3600,
    });
    const org = await createOrg(api, "slow");
    const creating = await api.describeOrganization({ OrganizationId: org });
    expect(creating.State).toBe("Creating");
    expect(creating.CompletedDate).toBeUndefined();
    await expectServiceError(
      api.createUser({ OrganizationId: org, Name: "alice", DisplayName: "Alice" }),
      "OrganizationStateException",
      /is Creating/,
    );
    await expectServiceError(
      api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true }),
      "OrganizationStateException",
      /still being created/,
    );

    const before = await sim.now();
    const after = await sim.advance(3601_000);
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(3601_000);
    const active = await api.describeOrganization({ OrganizationId: org });
    expect(active.State).toBe("Active");
    expect(active.CompletedDate).toBeInstanceOf(Date);
    await createUser(api, org, "alice");
  });

  it("keeps a deleted organization Deleting until the clock passes its delay", async () => {
    const { api, sim } = t();
    await sim.setLifecycle({ organizationDeleteSeconds: 600 });
    const org = await createOrg(api, "doomed");
    expect(await api.deleteOrganization({ OrganizationId: org, DeleteDirectory: true })).toMatchObject({
      State: "Deleting",
    });
    expect((await api.describeOrganization({ OrganizationId: org })).State).toBe("Deleting");
    await expectServiceError(api.listUsers({ OrganizationId: org }), "OrganizationStateException");
    await sim.advance(601_000);
    await expectServiceError(api.describeOrganization({ OrganizationId: org }), "OrganizationNotFoundException");
    expect((await api.listOrganizations({})).OrganizationSummaries).toEqual([
      expect.objectContaining({ OrganizationId: org, State: "Deleted" }),
    ]);
  });

  it("refuses an unknown lifecycle name and puts a delay back to immediate with null", async () => {
    const { sim } = t();
    await expect(sim.setLifecycle({ nosuchThingSeconds: 5 })).rejects.toMatchObject({ name: "ValidationException" });
    await sim.setLifecycle({ organizationCreateSeconds: 30 });
    expect((await sim.setLifecycle({ organizationCreateSeconds: null })).organizationCreateSeconds).toBe(0);
  });

  it("stamps dates with the simulator clock", async () => {
    const { api, sim } = t();
    const org = await createOrg(api, "acme");
    await sim.advance(48 * 3600_000);
    const user = await createUser(api, org, "alice", { register: true });
    const d = await api.describeUser({ OrganizationId: org, UserId: user });
    expect((d.EnabledDate as Date).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
  });
};
