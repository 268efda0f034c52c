import type { WorkMailApi } from "../backend/workmail-api.js";
import { serviceErrorName } from "../errors/with-hint.js";
import type { TokenBucket } from "./token-bucket.js";

/** Real throttling answers. WorkMail's LimitExceededException is a resource limit: never retried. */
const THROTTLING = new Set(["ThrottlingException", "TooManyRequestsException", "Throttling", "RequestLimitExceeded", "SlowDown"]);

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
  const wrapped = new Map<PropertyKey, unknown>();
  const once = new Map<string, Promise<unknown>>();
  const proxy = new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop !== "string") return value;
      let fn = wrapped.get(prop);
      if (fn === undefined) {
        const method = value as (input: unknown) => Promise<unknown>;
        fn = async (input: unknown) => {
          for (let attempt = 1; ; attempt++) {
            await bucket.take();
            total++;
            try {
              const out = await method.call(target, input);
              bucket.succeeded();
              return out;
            } catch (e) {
              if (!isThrottling(e) || attempt >= attempts) throw e;
              bucket.slowDown();
            }
          }
        };
        if (prop === "describeOrganization") {
          const call = fn as (input: unknown) => Promise<unknown>;
          fn = (input: unknown) => {
            const key = JSON.stringify(input);
            let p = once.get(key);
            if (p === undefined) {
              p = call(input);
              once.set(key, p);
              p.catch(() => once.delete(key));
            }
            return p;
          };
        }
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
  return { api: proxy, calls: () => total };
}
