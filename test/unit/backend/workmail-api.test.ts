import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { methodName, WORKMAIL_OPERATIONS } from "../../../src/backend/workmail-api.js";

const model = JSON.parse(
  readFileSync(new URL("../../../src/local-backend/model/workmail-2017-10-01.service.json", import.meta.url), "utf8"),
) as {
  operations: Record<string, unknown>;
};

describe("the WorkMailApi port", () => {
  it("lists exactly the 92 operations of the service model", () => {
    expect([...WORKMAIL_OPERATIONS].sort()).toEqual(Object.keys(model.operations).sort());
    expect(WORKMAIL_OPERATIONS).toHaveLength(92);
  });

  it("names methods like the SDK's aggregated client", async () => {
    const { WorkMail } = await import("@aws-sdk/client-workmail");
    for (const op of WORKMAIL_OPERATIONS) {
      expect(typeof (WorkMail.prototype as unknown as Record<string, unknown>)[methodName(op)], op).toBe("function");
    }
  });
});
