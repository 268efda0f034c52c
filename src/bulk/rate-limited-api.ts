import type { WorkMailApi } from "../backend/workmail-api.js";
import { wrapPort, type PortCall } from "../backend/wrap-port.js";
import { serviceErrorName } from "../errors/with-hint.js";
import type { TokenBucket } from "./token-bucket.js";

/** Real throttling answers. WorkMail's LimitExceededException is a resource limit: never retried. */
const THROTTLING = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "RequestLimitExceeded",
  "SlowDown",
]);

export function isThrottling(e: unknown): boolean {
  const name = serviceErrorName(e) ?? (e as { name?: string } | undefined)?.name;
  return name !== undefined && THROTTLING.has(name);
}

export interface RateLimitedApi {
  readonly api: WorkMailApi;
  /** WorkMail calls made, retries included. */
  calls(): number;
}

/**
 * The port with every call behind the shared token bucket, on top of the SDK's own adaptive
 * retries: a call still throttled after those slows the bucket and is tried again (up to
 * `attempts` times, with the bucket's pace as the backoff) instead of failing its row. A call
 * throttled every time fails with the throttling error (the run then exits 7). DescribeOrganization
 * (the default domain every row's address starts from) is asked once per run.
 */
export function rateLimitApi(api: WorkMailApi, bucket: TokenBucket, attempts = 8): RateLimitedApi {
  let total = 0;
  const once = new Map<string, Promise<unknown>>();
  const limited =
    (call: PortCall): PortCall =>
    async (input) => {
      for (let attempt = 1; ; attempt++) {
        await bucket.take();
        total++;
        try {
          const out = await call(input);
          bucket.succeeded();
          return out;
        } catch (e) {
          if (!isThrottling(e) || attempt >= attempts) throw e;
          bucket.slowDown();
        }
      }
    };
  const proxy = wrapPort(api, (method, call) => {
    const fn = limited(call);
    if (method !== "describeOrganization") return fn;
    return (input) => {
      const key = JSON.stringify(input);
      let p = once.get(key);
      if (p === undefined) {
        p = fn(input);
        once.set(key, p);
        p.catch(() => once.delete(key));
      }
      return p;
    };
  });
  return { api: proxy, calls: () => total };
}
