import { createAwsBackend } from "../../src/backend/aws-backend.js";
import type { SimulatorControl } from "../../src/backend/simulator-control.js";
import { methodName, WORKMAIL_OPERATIONS, type WorkMailApi } from "../../src/backend/workmail-api.js";
import { localControl, type LocalBackend } from "../../src/local-backend/index.js";
import { simulatorCredentials } from "../../src/local-backend/credentials.js";
import { httpSimulatorControl } from "../../src/local-backend/http/control-client.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";

/**
 * Which way the API-level tests of an area reach the simulator. vitest runs the contract files
 * twice (vitest.config.ts, project "wire"): in-process against the LocalBackend, and with
 * WMCTL_CONTRACT_TARGET=served through the real @aws-sdk/client-workmail against the same store
 * served on 127.0.0.1 (port 0, SigV4 with the store's keys). The tests are the same; both runs must
 * pass. The test keeps its own LocalBackend on the store for what is not API (the clock, the
 * store's tables, files).
 */
export type TargetKind = "in-process" | "served";

const TARGET: TargetKind = process.env.WMCTL_CONTRACT_TARGET === "served" ? "served" : "in-process";

export interface TargetApi {
  readonly kind: TargetKind;
  /** The WorkMail API: the LocalBackend itself, or the SDK over HTTP. */
  readonly api: WorkMailApi;
  /** SimulatorControl: in-process, or over the served simulator's admin path. */
  readonly control: SimulatorControl;
  /** The served endpoint (served runs only). */
  readonly endpoint: string | undefined;
  /** The store's credentials and region (to sign other SDK clients: S3, Route 53). */
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** The API of `backend`'s store, reached the way this run's target says. */
export async function targetApi(
  dir: string,
  backend: LocalBackend & WorkMailApi,
  kind: TargetKind = TARGET,
): Promise<TargetApi> {
  const stored = simulatorCredentials(backend.db);
  const credentials = { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
  if (kind === "in-process") {
    const control = localControl(backend);
    return { kind, api: backend, control, endpoint: undefined, credentials, close: () => control.dispose() };
  }
  const running = await serveSimulator({
    dataDir: dir,
    region: backend.region,
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
  });
  try {
    // maxAttempts 1 and no adaptive rate limiting: the SDK takes LimitExceededException for throttling;
    // the tests check answers, not retries.
    const sdk = await createAwsBackend({
      region: backend.region,
      awsProfile: undefined,
      endpoint: running.endpoint,
      maxAttempts: 1,
      retryMode: "standard",
      credentials,
    });
    return {
      kind,
      api: withoutMetadata(sdk),
      control: httpSimulatorControl(running.endpoint, async () => ({ credentials, region: backend.region })),
      endpoint: running.endpoint,
      credentials,
      close: () => running.stop(),
    };
  } catch (e) {
    await running.stop();
    throw e;
  }
}

/** The SDK's answers without `$metadata` (request id, attempts): what the service answered. */
function withoutMetadata(api: WorkMailApi): WorkMailApi {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const op of WORKMAIL_OPERATIONS) {
    const m = methodName(op);
    const fn = (api as unknown as Record<string, (input: unknown) => Promise<unknown>>)[m] as (
      input: unknown,
    ) => Promise<unknown>;
    out[m] = async (input) => {
      const { $metadata: _metadata, ...rest } = (await fn.call(api, input)) as Record<string, unknown>;
      return rest;
    };
  }
  return out as unknown as WorkMailApi;
}
