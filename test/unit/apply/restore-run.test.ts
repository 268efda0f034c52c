import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import type { InventoryArea } from "../../../src/inventory/area.js";
import { DomainMap } from "../../../src/inventory/domain-map.js";
import { prepareApply, runSteps, tally } from "../../../src/apply/run-steps.js";
import { LocalBackend } from "../../../src/local-backend/index.js";
import { sampleInventory } from "../inventory/fixtures.js";

let dir: string;
let api: LocalBackend & WorkMailApi;
let target: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-restore-run-"));
  api = await LocalBackend.open({ dir, region: "us-east-1" });
  target = (await api.createOrganization({ Alias: "rehearsal" })).OrganizationId as string;
});
afterEach(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

const notImplemented = (op: string) =>
  Object.assign(new Error(`${op} is not implemented`), {
    name: "UnsupportedOperationException",
    $fault: "client" as const,
  });

/** The sample inventory with every address on the target's test domain. */
function inventory() {
  const doc = sampleInventory();
  return JSON.parse(
    JSON.stringify(doc)
      .replaceAll("example.com", "rehearsal.awsapps.com")
      .replaceAll("acme.awsapps.com", "rehearsal.awsapps.com"),
  ) as typeof doc;
}

describe("runSteps", () => {
  it("fails a step once when the target does not implement its operation, after one call, and goes on", async () => {
    const doc = inventory();
    doc.areas.mailboxes = ["bob", "carol"].map((user) => ({ user, quotaMb: 1024 }));
    let quotaCalls = 0;
    const refusing = new Proxy(api, {
      get(t, prop, receiver) {
        if (prop !== "getMailboxDetails") return Reflect.get(t, prop, receiver) as unknown;
        return () => {
          quotaCalls++;
          return Promise.reject(notImplemented("GetMailboxDetails"));
        };
      },
    });
    const prep = await prepareApply(refusing, target, doc, DomainMap.none);
    const out = await runSteps(refusing, target, doc, prep, { dryRun: false, concurrency: 4, areas: [] });
    const mailboxes = out.steps.find((s) => s.step === "mailboxes");
    expect(mailboxes?.results).toEqual([
      {
        area: "mailboxes",
        action: "-",
        target: "mailboxes",
        result: "failed",
        message:
          "the target does not support this step: UnsupportedOperationException: GetMailboxDetails is not implemented",
      },
    ]);
    expect(quotaCalls).toBe(1);
    expect(tally(out.steps.find((s) => s.step === "users")?.results ?? [])).toEqual({
      created: 2,
      updated: 0,
      deleted: 0,
      skipped: 0,
      failed: 0,
    });
    expect(out.steps.at(-1)?.step).toBe("states");
  });

  it("hands policy areas their data with the domains mapped, and ids of the target by name or by address", async () => {
    const doc = sampleInventory();
    doc.areas["rules"] = [{ users: ["bob", "bob@example.com", "carol"], domain: "example.com" }];
    const seen: unknown[] = [];
    const area: InventoryArea = {
      name: "rules",
      collect: () => Promise.resolve([]),
      restore: (_api, _org, data, ids) => {
        const rules = data as Array<{ users: string[]; domain: string }>;
        seen.push(
          rules[0]?.domain,
          rules[0]?.users.map((u) => ids.idOf(u) !== undefined),
          ids.idOf("bob@example.com") === ids.idOf("bob"),
        );
        return Promise.resolve([{ area: "rules", action: "PutRule", target: "r", result: "created" }]);
      },
    };
    const map = DomainMap.parse(["example.com=rehearsal.awsapps.com"]);
    const prep = await prepareApply(api, target, doc, map);
    const out = await runSteps(api, target, doc, prep, { dryRun: false, concurrency: 4, areas: [area] });
    expect(seen).toEqual(["rehearsal.awsapps.com", [true, true, true], true]);
    expect(out.steps.map((s) => s.step).slice(-2)).toEqual(["rules", "states"]);
  });

  it("a policy area that throws is one failed step; one missing from the inventory is skipped", async () => {
    const doc = inventory();
    doc.areas["boom"] = [];
    const boom: InventoryArea = {
      name: "boom",
      collect: () => Promise.resolve([]),
      restore: () => Promise.reject(new Error("kaput")),
    };
    const absent: InventoryArea = {
      name: "absent",
      collect: () => Promise.resolve([]),
      restore: () => Promise.reject(new Error("not called")),
    };
    const prep = await prepareApply(api, target, doc, DomainMap.none);
    const out = await runSteps(api, target, doc, prep, { dryRun: false, concurrency: 4, areas: [boom, absent] });
    expect(out.steps.find((s) => s.step === "boom")?.results).toEqual([
      { area: "boom", action: "restore", target: "boom", result: "failed", message: "kaput" },
    ]);
    expect(out.steps.find((s) => s.step === "absent")?.results).toEqual([
      { area: "absent", action: "-", target: "absent", result: "skipped", message: "not in the inventory" },
    ]);
  });
});
