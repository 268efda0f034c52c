import pLimit from "p-limit";
import type { WorkMailApi } from "../backend/workmail-api.js";
import { wrapPort } from "../backend/wrap-port.js";

/** How many WorkMail calls an inventory or a restore keeps in flight by default. */
const DEFAULT_CONCURRENCY = 8;

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
  const proxy = wrapPort(
    api,
    (method, call) => (input) =>
      limit(() => {
        total++;
        byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
        return call(input);
      }),
  );
  return { api: proxy, calls: () => total, callsByMethod: () => byMethod };
}
