import { expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import { createOrg, expectServiceError, type ContractCases } from "../support.js";

/** Operations whose request is just an organization id: one not implemented yet shows the answer. */
const ORG_ONLY: ReadonlyArray<[string, (api: WorkMailApi, org: string) => Promise<unknown>]> = [
  ["ListGroups", (api, org) => api.listGroups({ OrganizationId: org })],
  ["ListResources", (api, org) => api.listResources({ OrganizationId: org })],
  ["ListMailDomains", (api, org) => api.listMailDomains({ OrganizationId: org })],
  ["ListAccessControlRules", (api, org) => api.listAccessControlRules({ OrganizationId: org })],
  ["ListMobileDeviceAccessRules", (api, org) => api.listMobileDeviceAccessRules({ OrganizationId: org })],
  ["GetDefaultRetentionPolicy", (api, org) => api.getDefaultRetentionPolicy({ OrganizationId: org })],
  ["ListImpersonationRoles", (api, org) => api.listImpersonationRoles({ OrganizationId: org })],
  ["ListAvailabilityConfigurations", (api, org) => api.listAvailabilityConfigurations({ OrganizationId: org })],
  ["DescribeInboundDmarcSettings", (api, org) => api.describeInboundDmarcSettings({ OrganizationId: org })],
  ["DescribeEmailMonitoringConfiguration", (api, org) => api.describeEmailMonitoringConfiguration({ OrganizationId: org })],
];

export const coverageCases: ContractCases = (t) => {
  it("answers an operation it does not implement with UnsupportedOperationException, never a fake success", async (ctx) => {
    const { api, sim } = t();
    const missing = new Set((await sim.coverage()).filter((c) => !c.implemented).map((c) => c.operation));
    const pick = ORG_ONLY.find(([op]) => missing.has(op));
    if (pick === undefined) {
      ctx.skip("every candidate operation is implemented");
      return;
    }
    const org = await createOrg(api, "acme");
    await expectServiceError(pick[1](api, org), "UnsupportedOperationException", `${pick[0]} is not implemented by the wmctl local simulator yet; \`wmctl local coverage\` lists what is`);
  });

  it("lists the 92 operations of the model with what is implemented", async () => {
    const { sim } = t();
    const cov = await sim.coverage();
    expect(cov).toHaveLength(92);
    expect(cov.find((c) => c.operation === "CreateUser")).toEqual({ operation: "CreateUser", implemented: true, paginated: false });
    expect(cov.find((c) => c.operation === "ListUsers")).toEqual({ operation: "ListUsers", implemented: true, paginated: true });
  });
};
