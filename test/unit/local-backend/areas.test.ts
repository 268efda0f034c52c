import { describe, expect, it } from "vitest";
import { WORKMAIL_OPERATIONS } from "../../../src/backend/workmail-api.js";
import { AREAS } from "../../../src/local-backend/operations/index.js";

describe("the simulator's API areas", () => {
  it("declare exactly the operations their modules implement", async () => {
    for (const area of AREAS) {
      expect(Object.keys(await area.load()).sort(), area.module).toEqual([...area.operations].sort());
    }
  });

  it("cover each of the 92 operations once", () => {
    const declared = AREAS.flatMap((a) => a.operations);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual([...WORKMAIL_OPERATIONS].sort());
  });
});
