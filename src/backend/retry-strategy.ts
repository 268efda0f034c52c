import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

/**
 * Errors the SDK classes as throttling (THROTTLING_ERROR_CODES in its error classification) that
 * WorkMail uses for a resource limit: the 11th access rule, a second export within 24 hours, a full
 * organization. Retrying them cannot succeed; it only costs back-off time and slows the adaptive
 * rate limiter for every other call.
 */
const RESOURCE_LIMIT_ERRORS: ReadonlySet<string> = new Set(["LimitExceededException"]);

/** True when a failed attempt was refused for a resource limit, which no retry lifts. */
function isResourceLimit(info: RetryErrorInfo): boolean {
  const error = info.error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  // HTTP 429 is throttling whatever the error is called.
  return error !== undefined && RESOURCE_LIMIT_ERRORS.has(error.name ?? "") && error.$metadata?.httpStatusCode !== 429;
}

/**
 * Wraps one of the SDK's retry strategies so that a resource limit ends the call at once: the inner
 * strategy never sees it (neither its retry quota nor the adaptive rate limiter is charged), while
 * throttling, transient and clock-skew errors are retried as the SDK does.
 */
function withoutResourceLimitRetries(inner: RetryStrategyV2 & { mode?: string }): RetryStrategyV2 & { mode?: string } {
  return {
    ...(inner.mode === undefined ? {} : { mode: inner.mode }),
    acquireInitialRetryToken: (scope: string) => inner.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token: RetryToken, info: RetryErrorInfo) => {
      // The retry middleware answers a refused token with the error the call failed with.
      if (isResourceLimit(info))
        return Promise.reject(new Error(`${String(info.error?.name)} is a resource limit: not retried`));
      return inner.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token: RetryToken) => inner.recordSuccess(token),
  };
}

/**
 * The SDK's standard or adaptive strategy, without resource-limit retries. `maxAttempts` is asked
 * at each call: the client's own resolved setting (a flag, AWS_MAX_ATTEMPTS or the profile's
 * max_attempts), which exists only once the client does.
 */
export async function workmailRetryStrategy(
  mode: "standard" | "adaptive",
  maxAttempts: () => Promise<number>,
): Promise<RetryStrategyV2> {
  const { AdaptiveRetryStrategy, StandardRetryStrategy } = await import("@smithy/core/retry");
  return withoutResourceLimitRetries(
    mode === "adaptive" ? new AdaptiveRetryStrategy(maxAttempts) : new StandardRetryStrategy(maxAttempts),
  );
}
