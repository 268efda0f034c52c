import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAwsBackend } from "../../src/backend/aws-backend.js";
import type { SimulatorControl } from "../../src/backend/simulator-control.js";
import { methodName, WORKMAIL_OPERATIONS, type WorkMailApi } from "../../src/backend/workmail-api.js";
import { localControl } from "../../src/local-backend/control.js";
import { httpSimulatorControl } from "../../src/local-backend/http/control-client.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { LocalBackend } from "../../src/local-backend/local-backend.js";

const REGION = "us-east-1";

export type TargetKind = "in-process" | "served";

/**
 * One way to reach the simulator. The contract suite runs the same cases against each: the
 * LocalBackend in-process, and the real @aws-sdk/client-workmail against `wmctl local serve` on
 * 127.0.0.1 (port 0), signed with the store's credentials.
 */
export interface ContractTarget {
  readonly kind: TargetKind;
  readonly api: WorkMailApi;
  readonly sim: SimulatorControl;
  /** What each call did, normalised (ids and dates replaced): both targets must write the same. */
  readonly transcript: string[];
  close(): Promise<void>;
}

export async function openTarget(kind: TargetKind): Promise<ContractTarget> {
  const dir = mkdtempSync(join(tmpdir(), `wmctl-contract-${kind}-`));
  if (kind === "in-process") {
    const backend = await LocalBackend.open({ dir, region: REGION });
    const transcript: string[] = [];
    return {
      kind,
      api: recording(backend, transcript),
      sim: localControl(backend),
      transcript,
      close: async () => {
        backend.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const running = await serveSimulator({
    dataDir: dir,
    region: REGION,
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
  });
  const creds = await running.control.credentials();
  const credentials = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey };
  // maxAttempts 1: LimitExceededException is retried by the SDK as throttling; the suite checks answers, not retries.
  const api = await createAwsBackend({
    region: REGION,
    awsProfile: undefined,
    endpoint: running.endpoint,
    maxAttempts: 1,
    retryMode: "standard",
    credentials,
  });
  const transcript: string[] = [];
  return {
    kind,
    api: recording(api, transcript),
    sim: httpSimulatorControl(running.endpoint, async () => ({ credentials, region: REGION })),
    transcript,
    close: async () => {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ID =
  /\bm-[0-9a-f]{32}\b|\br-[0-9a-f]{32}\b|\bd-[0-9a-f]{10}\b|:\d{12}:|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/** JSON with sorted keys (the SDK builds objects in its schema's order), ids and dates replaced. */
function normalise(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "$metadata") return undefined;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    if (key === "NextToken" && typeof v === "string") return "<token>";
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return "<date>";
    return typeof v === "string" ? v.replace(ID, "<id>") : v;
  });
}

function recording(api: WorkMailApi, transcript: string[]): WorkMailApi {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const op of WORKMAIL_OPERATIONS) {
    const m = methodName(op);
    const fn = (api as unknown as Record<string, (input: unknown) => Promise<unknown>>)[m] as (
      input: unknown,
    ) => Promise<unknown>;
    out[m] = async (input) => {
      try {
        const result = await fn.call(api, input);
        transcript.push(`${op} ok ${normalise(result)}`);
        return result;
      } catch (e) {
        const err = e as Error & { $fault?: string };
        transcript.push(`${op} ${err.name} ${err.$fault ?? "-"} ${normalise(err.message)}`);
        throw e;
      }
    };
  }
  return out as unknown as WorkMailApi;
}
