import type { SimulatorControl, SimulatorNetwork } from "../backend/simulator-control.js";
import { advanceClock, simNow } from "./clock.js";
import type { LocalBackend } from "./local-backend.js";
import { runningServices } from "./network-services.js";
import { setVerificationResolvers, verificationResolvers } from "./operations/domain-verification.js";

export interface LocalControl extends SimulatorControl {
  /** Stops the servers this process started. */
  dispose(): Promise<void>;
}

/** SimulatorControl over an in-process LocalBackend. */
export function localControl(backend: LocalBackend): LocalControl {
  const started: Array<{ close(): Promise<void> }> = [];
  let dns: Promise<NonNullable<SimulatorNetwork["dns"]>> | undefined;
  let autodiscover: Promise<NonNullable<SimulatorNetwork["autodiscover"]>> | undefined;
  const ensureDns = () =>
    (dns ??= (async () => {
      const served = runningServices(backend.db, "dns")[0];
      if (served?.port !== undefined) return { host: served.host, port: served.port, source: "served" as const };
      const { startDnsServer } = await import("./dns/server.js");
      const s = await startDnsServer({ db: backend.db, advertise: false });
      started.push(s);
      return { host: s.host, port: s.port, source: "in-process" as const };
    })());
  const ensureAutodiscover = () =>
    (autodiscover ??= (async () => {
      const served = runningServices(backend.db, "autodiscover")[0];
      if (served?.httpPort !== undefined && served.httpsPort !== undefined) {
        return { host: served.host, httpPort: served.httpPort, httpsPort: served.httpsPort, source: "served" as const };
      }
      const { startAutodiscoverServer } = await import("./autodiscover/server.js");
      const s = await startAutodiscoverServer({ db: backend.db, region: backend.region, advertise: false });
      started.push(s);
      return { host: s.host, httpPort: s.httpPort, httpsPort: s.httpsPort, source: "in-process" as const };
    })());
  return {
    location: backend.paths.root,
    region: backend.region,
    now: async () => simNow(backend.db),
    advance: async (ms) => advanceClock(backend.db, ms),
    async caCertificate() {
      const { localCa } = await import("./tls/local-ca.js");
      return (await localCa(backend.db)).certPem;
    },
    async network(needs) {
      const [d, a] = await Promise.all([needs.dns ? ensureDns() : undefined, needs.autodiscover ? ensureAutodiscover() : undefined]);
      return { ...(d === undefined ? {} : { dns: d }), ...(a === undefined ? {} : { autodiscover: a }) };
    },
    verificationResolvers: async () => verificationResolvers(backend.db),
    setVerificationResolvers: async (servers) => setVerificationResolvers(backend.db, servers),
    async dispose() {
      await Promise.all(started.splice(0).map((s) => s.close()));
    },
  };
}
