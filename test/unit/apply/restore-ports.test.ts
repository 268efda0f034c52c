import { describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import { limitApi } from "../../../src/inventory/limited-api.js";
import { isPlannedId, recordingApi, type PlannedCall } from "../../../src/apply/recording-api.js";

function fakeApi(onCall: (method: string, input: unknown) => Promise<unknown>): WorkMailApi {
  return new Proxy({} as WorkMailApi, { get: (_t, prop) => (input: unknown) => onCall(String(prop), input) });
}

describe("limitApi", () => {
  it("keeps at most N calls in flight, whoever starts them, and counts them", async () => {
    let inFlight = 0;
    let peak = 0;
    const api = fakeApi(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return {};
    });
    const limited = limitApi(api, 3);
    await Promise.all([
      ...Array.from({ length: 20 }, () => limited.api.listUsers({ OrganizationId: "m-1" })),
      ...Array.from({ length: 10 }, () => limited.api.describeUser({ OrganizationId: "m-1", UserId: "u" })),
    ]);
    expect(peak).toBe(3);
    expect(limited.calls()).toBe(30);
    expect(Object.fromEntries(limited.callsByMethod())).toEqual({ listUsers: 20, describeUser: 10 });
  });
});

describe("recordingApi (org restore --dry-run)", () => {
  it("sends reads, records changes with names for ids and hidden secrets, and answers with made-up ids", async () => {
    const sent: string[] = [];
    const planned: PlannedCall[] = [];
    const api = recordingApi(
      fakeApi((m) => {
        sent.push(m);
        return Promise.resolve({ Users: [] });
      }),
      { onCall: (c) => planned.push(c), labelOf: (id) => ({ "g-1": "sales", "u-1": "bob" })[id] },
    );
    await api.listUsers({ OrganizationId: "m-1" });
    await api.getMailDomain({ OrganizationId: "m-1", DomainName: "example.com" });
    const created = await api.createUser({
      OrganizationId: "m-1",
      Name: "bob",
      DisplayName: "Bob",
      Password: "S3cret!pass",
    });
    await api.associateMemberToGroup({ OrganizationId: "m-1", GroupId: "g-1", MemberId: "u-1" });
    await api.putAccessControlRule({
      OrganizationId: "m-1",
      Name: "no-imap",
      Effect: "DENY",
      Description: "d",
      UserIds: ["u-1", "u-9"],
      NotUserIds: ["u-9"],
    });
    await api.createAvailabilityConfiguration({
      OrganizationId: "m-1",
      DomainName: "example.org",
      ClientToken: "t",
      EwsProvider: { EwsEndpoint: "https://x", EwsUsername: "svc", EwsPassword: "hunter2" },
    });
    expect(sent).toEqual(["listUsers", "getMailDomain"]);
    expect(isPlannedId(created.UserId)).toBe(true);
    expect(planned).toEqual([
      { action: "CreateUser", target: "bob", details: { displayName: "Bob", password: "(hidden)" } },
      { action: "AssociateMemberToGroup", target: "sales", details: { member: "bob" } },
      {
        action: "PutAccessControlRule",
        target: "no-imap",
        details: { effect: "DENY", description: "d", users: ["bob", "u-9"], notUserIds: ["u-9"] },
      },
      {
        action: "CreateAvailabilityConfiguration",
        target: "example.org",
        details: { ewsProvider: { EwsEndpoint: "https://x", EwsUsername: "svc", EwsPassword: "(hidden)" } },
      },
    ]);
    expect(JSON.stringify(planned)).not.toContain("S3cret");
    expect(JSON.stringify(planned)).not.toContain("hunter2");
  });
});
