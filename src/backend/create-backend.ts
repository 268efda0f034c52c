import type { Settings } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";
import type { SimulatorControl } from "./simulator-control.js";
import type { WorkMailApi } from "./workmail-api.js";

export interface OpenBackend {
  readonly api: WorkMailApi;
  /** Control of the simulator (local backend); undefined against a real endpoint. */
  readonly simulator: SimulatorControl | undefined;
  close(): void;
}

/**
 * The one place that knows both backends; each is imported lazily, so `--help` never loads the
 * AWS SDK or SQLite.
 */
export async function createBackend(settings: Settings, debug: (line: string) => void): Promise<OpenBackend> {
  if (settings.backend === "aws") {
    const { createAwsBackend } = await import("./aws-backend.js");
    const api = await createAwsBackend({
      region: settings.region,
      awsProfile: settings.awsProfile,
      endpoint: settings.endpointUrl,
      maxAttempts: settings.maxAttempts,
      ...(settings.debug ? { onRequest: debug } : {}),
    });
    return { api, simulator: undefined, close: () => undefined };
  }
  const { LocalBackend, localControl } = await import("../local-backend/index.js");
  const backend = await LocalBackend.open({ dir: settings.dataDir, region: settings.region ?? "us-east-1" });
  if (settings.debug) debug(`local simulator store: ${backend.paths.database}`);
  return { api: backend, simulator: localControl(backend), close: () => backend.close() };
}

/** The simulator control of an open backend, or a usage error naming why there is none. */
export function requireSimulator(opened: OpenBackend): SimulatorControl {
  if (opened.simulator === undefined) {
    throw new UsageError("this command controls the local simulator, but the backend is aws", "use --backend local (or point --endpoint-url at `wmctl local serve`)");
  }
  return opened.simulator;
}
