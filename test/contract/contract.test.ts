import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTRACT_CASES } from "./cases/index.js";
import { openTarget, type ContractTarget, type TargetKind } from "./targets.js";

/**
 * The contract suite: the same API behaviour, checked in-process against the LocalBackend and
 * through the real @aws-sdk/client-workmail against the served simulator. Each target records what
 * every call answered (ids and dates normalised); the two transcripts must be identical.
 */
const KINDS: readonly TargetKind[] = ["in-process", "served"];
const targets = new Map<TargetKind, ContractTarget>();

for (const kind of KINDS) {
  describe(`contract (${kind})`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await openTarget(kind);
      targets.set(kind, target);
    });
    beforeEach(async () => {
      await target.sim.reset();
      target.transcript.push("--- reset");
    });
    for (const [area, cases] of Object.entries(CONTRACT_CASES)) describe(area, () => cases(() => target));
  });
}

describe("contract: both targets", () => {
  afterAll(async () => {
    for (const t of targets.values()) await t.close();
  });

  it("answered every call identically", () => {
    const a = targets.get("in-process")?.transcript ?? [];
    const b = targets.get("served")?.transcript ?? [];
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });
});
