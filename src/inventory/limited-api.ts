import pLimit from "p-limit";
import type { WorkMailApi } from "../backend/workmail-api.js";

/** How many WorkMail calls an inventory or a restore keeps in flight by default. */
export const DEFAULT_CONCURRENCY = 8;

export interface LimitedApi {
  /** The port, with at most `concurrency` calls in flight across every caller. */
  readonly api: WorkMailApi;
  /** Calls made so far, in total and by operation method (`listUsers` ...). */
  calls(): number;
  callsByMethod(): ReadonlyMap<string, number>;
}

/**
 * Wraps the port so that every call goes through one p-limit queue: areas may start their
 * per-entity calls all at once (Promise.all) and the service still sees a bounded number of
 * requests; throttling beyond that is retried by the AWS backend (adaptive retry mode). Only leaf
 * API calls are queued, never the areas themselves, so nothing can wait on itself.
 */
export function limitApi(api: WorkMailApi, concurrency = DEFAULT_CONCURRENCY): LimitedApi {
  const limit = pLimit(concurrency);
  const byMethod = new Map<string, number>();
  let total = 0;
  const wrapped = new Map<PropertyKey, unknown>();
  const proxy = new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop !== "string") return value;
      let fn = wrapped.get(prop);
      if (fn === undefined) {
        const method = value as (input: unknown) => Promise<unknown>;
        fn = (input: unknown) =>
          limit(() => {
            total++;
            byMethod.set(prop, (byMethod.get(prop) ?? 0) + 1);
            return method.call(target, input);
          });
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
  return { api: proxy, calls: () => total, callsByMethod: () => byMethod };
}
