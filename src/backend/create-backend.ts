import type { Settings } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";
import type { ExportPrereqsPort } from "./export-prereqs.js";
import type { ExportStorage } from "./export-storage.js";
import type { SimulatorControl } from "./simulator-control.js";
import type { WorkMailApi } from "./workmail-api.js";

export interface OpenBackend {
  readonly api: WorkMailApi;
  /** Control of the simulator (local backend); undefined against a real endpoint. */
  readonly simulator: SimulatorControl | undefined;
  /** Where export jobs write (the simulator's bucket folders, or S3); built on first use. */
  exportStorage(): Promise<ExportStorage>;
  /** S3/KMS/IAM for export prerequisites; undefined on the local backend (nothing is needed). */
  exportPrereqs(): Promise<ExportPrereqsPort | undefined>;
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
    const aws = { region: settings.region, awsProfile: settings.awsProfile, maxAttempts: settings.maxAttempts };
    return {
      api,
      simulator: undefined,
      exportStorage: async () => (await import("./s3-export-storage.js")).s3ExportStorage(aws),
      exportPrereqs: async () => {
        if (settings.region === undefined) throw new UsageError("no AWS region is set", "pass --region, set AWS_REGION, or `wmctl config set region us-east-1`");
        return (await import("./aws-export-prereqs.js")).awsExportPrereqs({ ...aws, region: settings.region });
      },
      close: () => undefined,
    };
  }
  const { LocalBackend, localControl } = await import("../local-backend/index.js");
  const backend = await LocalBackend.open({ dir: settings.dataDir, region: settings.region ?? "us-east-1" });
  if (settings.debug) debug(`local simulator store: ${backend.paths.database}`);
  return {
    api: backend,
    simulator: localControl(backend),
    exportStorage: async () => (await import("./local-export-storage.js")).localExportStorage(backend.paths.s3),
    exportPrereqs: async () => undefined,
    close: () => backend.close(),
  };
}

/** The simulator control of an open backend, or a usage error naming why there is none. */
export function requireSimulator(opened: OpenBackend): SimulatorControl {
  if (opened.simulator === undefined) {
    throw new UsageError("this command controls the local simulator, but the backend is aws", "use --backend local (or point --endpoint-url at `wmctl local serve`)");
  }
  return opened.simulator;
}
