import type { Settings } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";
import type { ExportPrereqsPort } from "./export-prereqs.js";
import type { ExportStorage } from "./export-storage.js";
import type { HostedZonesApi } from "./hosted-zones.js";
import type { SimulatorControl } from "./simulator-control.js";
import type { RunningSimulator, ServeOptions } from "./simulator-server.js";
import type { WorkMailApi } from "./workmail-api.js";

export interface OpenBackend {
  readonly api: WorkMailApi;
  /**
   * Control of the simulator: in-process on the local backend; over the admin path when the aws
   * backend points at an endpoint (a `wmctl local serve`); undefined against the real service.
   */
  readonly simulator: SimulatorControl | undefined;
  /** Where export jobs write (the simulator's bucket folders, or S3); built on first use. */
  exportStorage(): Promise<ExportStorage>;
  /** S3/KMS/IAM for export prerequisites; undefined on the local backend (nothing is needed). */
  exportPrereqs(): Promise<ExportPrereqsPort | undefined>;

  /** The hosted-zones port (Route 53 or the simulator's zones), built on first use. */
  hostedZones(): Promise<HostedZonesApi>;
  close(): void | Promise<void>;
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
    let zones: Promise<HostedZonesApi> | undefined;
    const hostedZones = () =>
      (zones ??= import("./route53-hosted-zones.js").then(({ createRoute53HostedZones }) =>
        // --endpoint-url points every service wmctl uses at that endpoint (a served simulator answers
        // Route 53 there too); WMCTL_ROUTE53_ENDPOINT_URL names another one for Route 53 alone.
        createRoute53HostedZones({
          awsProfile: settings.awsProfile,
          endpoint: settings.route53EndpointUrl ?? settings.endpointUrl,
          maxAttempts: settings.maxAttempts,
        }),
      ));
    const aws = {
      region: settings.region,
      awsProfile: settings.awsProfile,
      maxAttempts: settings.maxAttempts,
      endpoint: settings.endpointUrl,
    };
    return {
      api,
      simulator:
        settings.endpointUrl === undefined ? undefined : await servedSimulatorControl(settings, settings.endpointUrl),
      exportStorage: async () => (await import("./s3-export-storage.js")).s3ExportStorage(aws),
      exportPrereqs: async () => {
        if (settings.region === undefined)
          throw new UsageError(
            "no AWS region is set",
            "pass --region, set AWS_REGION, or `wmctl config set region us-east-1`",
          );
        return (await import("./aws-export-prereqs.js")).awsExportPrereqs({ ...aws, region: settings.region });
      },
      hostedZones,
      close: () => undefined,
    };
  }
  const { LocalBackend, localControl } = await import("../local-backend/index.js");
  const backend = await LocalBackend.open({ dir: settings.dataDir, region: settings.region ?? "us-east-1" });
  if (settings.debug) debug(`local simulator store: ${backend.paths.database}`);
  const control = localControl(backend);
  return {
    api: backend,
    simulator: control,
    exportStorage: async () => (await import("./local-export-storage.js")).localExportStorage(backend.paths.s3),
    exportPrereqs: async () => undefined,
    hostedZones: async () => {
      const { LocalHostedZones } = await import("../local-backend/route53/local-hosted-zones.js");
      return new LocalHostedZones((fn) => backend.tx(fn));
    },
    close: async () => {
      await control.dispose();
      backend.close();
    },
  };
}

/**
 * SimulatorControl of a served simulator, signed with the credentials the SDK resolves for this
 * profile (e.g. the ones `wmctl local credentials` exports). Nothing is sent until a method runs;
 * an endpoint that is not a wmctl simulator fails then, with a message saying so.
 */
async function servedSimulatorControl(settings: Settings, endpoint: string): Promise<SimulatorControl> {
  const { httpSimulatorControl } = await import("../local-backend/http/control-client.js");
  return httpSimulatorControl(endpoint, async () => {
    const { resolveAwsIdentity } = await import("./aws-backend.js");
    try {
      return await resolveAwsIdentity({ region: settings.region, awsProfile: settings.awsProfile });
    } catch (e) {
      return { unavailable: e instanceof Error ? e : new Error(String(e)) };
    }
  });
}

/** Serves the simulator's store over the WorkMail wire protocol (`wmctl local serve`). */
export async function startSimulatorServer(options: ServeOptions): Promise<RunningSimulator> {
  const { serveSimulator } = await import("../local-backend/http/simulator-server.js");
  return serveSimulator(options);
}

/** The simulator control of an open backend, or a usage error naming why there is none. */
export function requireSimulator(opened: OpenBackend): SimulatorControl {
  if (opened.simulator === undefined) {
    throw new UsageError(
      "this command controls the local simulator, but the backend is aws",
      "use --backend local (or point --endpoint-url at `wmctl local serve`)",
    );
  }
  return opened.simulator;
}
