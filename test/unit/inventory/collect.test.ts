import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import type { InventoryArea } from "../../../src/inventory/area.js";
import { collectInventory, itemCount } from "../../../src/inventory/collect.js";
import { LocalBackend } from "../../../src/local-backend/index.js";

let dir: string;
let api: LocalBackend & WorkMailApi;
let orgId: string;
let bobId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-collect-"));
  api = await LocalBackend.open({ dir, region: "us-east-1" });
  orgId = (await api.createOrganization({ Alias: "acme" })).OrganizationId as string;
  bobId = (await api.createUser({ OrganizationId: orgId, Name: "bob", DisplayName: "Bob", Password: "Passw0rd!x" }))
    .UserId as string;
  await api.registerToWorkMail({ OrganizationId: orgId, EntityId: bobId, Email: "bob@acme.awsapps.com" });
});
afterEach(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

const serviceError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $fault: "client" as const });
const area = (name: string, collect: InventoryArea["collect"]): InventoryArea => ({
  name,
  collect,
  restore: () => Promise.resolve([]),
});

describe("collectInventory", () => {
  it("gives areas names for ids, skips an area the backend does not implement, and reports one that fails", async () => {
    const warnings: string[] = [];
    const { doc, outcomes, calls } = await collectInventory(api, orgId, {
      source: { region: "us-east-1", backend: "local" },
      wmctlVersion: "1.2.3",
      concurrency: 4,
      warn: (m) => warnings.push(m),
      now: () => new Date("2027-03-01T00:00:00Z"),
      areas: [
        area("owners", (_api, _org, refs) =>
          Promise.resolve([{ owner: refs.nameOf(bobId), email: refs.emailOf(bobId), unknown: refs.nameOf("nope") }]),
        ),
        area("not-yet", () =>
          Promise.reject(
            serviceError(
              "UnsupportedOperationException",
              "ListThings is not implemented by the wmctl local simulator yet",
            ),
          ),
        ),
        area("broken", () => Promise.reject(serviceError("InternalFailure", "boom"))),
      ],
    });
    expect(doc).toMatchObject({
      format: "wmctl-inventory",
      formatVersion: 2,
      wmctlVersion: "1.2.3",
      createdAt: "2027-03-01T00:00:00.000Z",
    });
    expect(doc.source).toMatchObject({ organizationId: orgId, alias: "acme", region: "us-east-1", backend: "local" });
    // Ids live in one section of the source, not in the areas (issue #11 item 14).
    expect(doc.source.ids).toMatchObject({ organization: { id: orgId }, users: { bob: bobId } });
    expect(JSON.stringify(doc.areas)).not.toContain(bobId);
    expect(JSON.stringify(doc.areas)).not.toContain(orgId);
    expect(doc.areas.owners).toEqual([{ owner: "bob", email: "bob@acme.awsapps.com", unknown: undefined }]);
    expect(doc.areas).not.toHaveProperty("not-yet");
    expect(doc.areas).not.toHaveProperty("broken");
    expect(doc.skipped).toContainEqual({
      area: "not-yet",
      reason: "UnsupportedOperationException: ListThings is not implemented by the wmctl local simulator yet",
    });
    expect(doc.skipped).toContainEqual({ area: "broken", reason: "failed: InternalFailure: boom" });
    expect(warnings).toContain(
      "not-yet: skipped, not supported by this backend: UnsupportedOperationException: ListThings is not implemented by the wmctl local simulator yet",
    );
    expect(warnings).toContain("broken: failed: InternalFailure: boom");
    expect(outcomes.find((o) => o.area === "users")).toEqual({ area: "users", status: "ok", items: 1 });
    expect(outcomes.find((o) => o.area === "broken")?.status).toBe("failed");
    expect(calls).toBeGreaterThan(4);
  });

  it("costs one call, not one per entity, when the backend does not implement an area's operation", async () => {
    for (const name of ["room-1", "room-2", "room-3"])
      await api.createResource({ OrganizationId: orgId, Name: name, Type: "ROOM" });
    let describes = 0;
    const refusing = new Proxy(api, {
      get(target, prop, receiver) {
        if (prop !== "describeResource") return Reflect.get(target, prop, receiver) as unknown;
        return () => {
          describes++;
          return Promise.reject(serviceError("UnsupportedOperationException", "DescribeResource is not implemented"));
        };
      },
    });
    const { outcomes } = await collectInventory(refusing, orgId, {
      source: { backend: "local" },
      wmctlVersion: "x",
      concurrency: 8,
      areas: [],
      warn: () => undefined,
    });
    expect(outcomes.find((o) => o.area === "resources")).toMatchObject({ status: "skipped" });
    expect(describes).toBe(1);
  });

  it("takes the region from the organization's ARN when the settings name none", async () => {
    const { doc } = await collectInventory(api, orgId, {
      source: { backend: "aws" },
      wmctlVersion: "x",
      concurrency: 2,
      areas: [],
      warn: () => undefined,
    });
    expect(doc.source.region).toBe("us-east-1");
  });

  it("refuses a policy area that takes a core area's name", async () => {
    const opts = { source: { backend: "local" }, wmctlVersion: "x", concurrency: 2, warn: () => undefined };
    await expect(
      collectInventory(api, orgId, { ...opts, areas: [area("users", () => Promise.resolve([]))] }),
    ).rejects.toThrow("inventory area name users is taken by a core area");
  });

  it("counts items: list length, the lists an object holds, or one setting", () => {
    expect([
      itemCount([1, 2]),
      itemCount({ rules: [1], overrides: [2, 3] }),
      itemCount({ enabled: true }),
      itemCount(undefined),
    ]).toEqual([2, 3, 1, 0]);
  });
});
