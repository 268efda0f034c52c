import type { Settings } from "../context/settings.js";
import type { WorkMailApi } from "./workmail-api.js";

export interface OpenBackend {
  readonly api: WorkMailApi;
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
    return { api, close: () => undefined };
  }
  const { LocalBackend } = await import("../local-backend/index.js");
  const backend = await LocalBackend.open({ dir: settings.dataDir, region: settings.region ?? "us-east-1" });
  if (settings.debug) debug(`local simulator store: ${backend.paths.database}`);
  return { api: backend, close: () => backend.close() };
}
