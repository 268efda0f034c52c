import { expect, it } from "vitest";
import type { ContractCases } from "../support.js";

export const coverageCases: ContractCases = (t) => {
  it("implements all 92 operations of the model (wmctl local coverage: 92/92)", async () => {
    const { sim } = t();
    const cov = await sim.coverage();
    expect(cov).toHaveLength(92);
    expect(cov.filter((c) => !c.implemented).map((c) => c.operation)).toEqual([]);
    expect(cov.find((c) => c.operation === "CreateUser")).toEqual({
      operation: "CreateUser",
      implemented: true,
      paginated: false,
    });
    expect(cov.find((c) => c.operation === "ListUsers")).toEqual({
      operation: "ListUsers",
      implemented: true,
      paginated: true,
    });
  });
};
