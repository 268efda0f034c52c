import type { Settings } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";
import type { HostedZonesApi } from "./hosted-zones.js";
import type { SimulatorControl } from "./simulator-control.js";
import type { WorkMailApi } from "./workmail-api.js";

export interface OpenBackend {
  readonly api: WorkMailApi;
  /** Control of the simulator (local backend); undefined against a real endpoint. */
  readonly simulator: SimulatorControl | undefined;
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
        createRoute53HostedZones({ awsProfile: settings.awsProfile, endpoint: settings.route53EndpointUrl, maxAttempts: settings.maxAttempts }),
      ));
    return { api, simulator: undefined, hostedZones, close: () => undefined };
  }
  const { LocalBackend, localControl } = await import("../local-backend/index.js");
  const backend = await LocalBackend.open({ dir: settings.dataDir, region: settings.region ?? "us-east-1" });
  if (settings.debug) debug(`local simulator store: ${backend.paths.database}`);
  const control = localControl(backend);
  return {
    api: backend,
    simulator: control,
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

/** The simulator control of an open backend, or a usage error naming why there is none. */
export function requireSimulator(opened: OpenBackend): SimulatorControl {
  if (opened.simulator === undefined) {
    throw new UsageError("this command controls the local simulator, but the backend is aws", "use --backend local (or point --endpoint-url at `wmctl local serve`)");
  }
  return opened.simulator;
}
