import { describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import { rateLimitApi } from "../../../src/bulk/rate-limited-api.js";
import { TokenBucket } from "../../../src/bulk/token-bucket.js";

const serviceError = (name: string) => Object.assign(new Error(name), { name, $fault: "client" });

function fakeApi(fail: (call: number) => string | undefined) {
  let calls = 0;
  const api = {
    async describeUser() {
      calls++;
      const error = fail(calls);
      if (error !== undefined) throw serviceError(error);
      return { Name: "bob" };
    },
  } as unknown as WorkMailApi;
  return { api, calls: () => calls };
}

/** A bucket on a fake clock that sleeping moves. */
function bucket(): TokenBucket {
  let now = 0;
  return new TokenBucket(
    10,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
}

describe("rateLimitApi", () => {
  it("slows the bucket and tries again when throttled, instead of failing", async () => {
    const b = bucket();
    const f = fakeApi((n) => (n <= 3 ? "ThrottlingException" : undefined));
    const limited = rateLimitApi(f.api, b);
    await expect(limited.api.describeUser({ OrganizationId: "m", UserId: "bob" })).resolves.toEqual({ Name: "bob" });
    expect(f.calls()).toBe(4);
    expect(b.throttled).toBe(3);
    expect(b.currentRate).toBeLessThan(10);
  });

  it("gives up after its attempts with the throttling error (the run exits 7)", async () => {
    const f = fakeApi(() => "ThrottlingException");
    const limited = rateLimitApi(f.api, bucket(), 5);
    await expect(limited.api.describeUser({ OrganizationId: "m", UserId: "bob" })).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    expect(f.calls()).toBe(5);
  });

  it("never retries other errors, nor WorkMail's LimitExceededException (a resource limit)", async () => {
    for (const name of ["EntityNotFoundException", "LimitExceededException"]) {
      const f = fakeApi(() => name);
      await expect(
        rateLimitApi(f.api, bucket()).api.describeUser({ OrganizationId: "m", UserId: "bob" }),
      ).rejects.toMatchObject({ name });
      expect(f.calls()).toBe(1);
    }
  });
});
