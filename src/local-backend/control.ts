import type {
  OperationCoverage,
  SimulatorControl,
  SimulatorNetwork,
  SimulatorStatus,
} from "../backend/simulator-control.js";
import { WORKMAIL_OPERATIONS, type WorkMailOperation } from "../backend/workmail-api.js";
import { advanceClock, clockOffsetMs, simNow } from "./clock.js";
import { ControlError } from "./control-error.js";
import { simulatorCredentials } from "./credentials.js";
import { LocalBackend } from "./local-backend.js";
import { loadPaginators, serviceModel } from "./model/service-model.js";
import { SCHEMAS } from "./operations/index.js";
import { DEFAULT_LIFECYCLE, LIFECYCLE_KEY, readLifecycle, type LifecycleSettings } from "./sim.js";
import { schemaVersions } from "./store/database.js";
import { setMeta } from "./store/meta.js";
import { resetStore, tableCounts } from "./store/reset.js";
import { defaultSnapshotName, listSnapshots, restoreSnapshot, takeSnapshot } from "./store/snapshots.js";
import { runningServices, servedEndpoint } from "./network-services.js";

export interface LocalControl extends SimulatorControl {
  /** Stops the servers this process started. */
  dispose(): Promise<void>;
}

/** SimulatorControl over an in-process LocalBackend (also what a served simulator runs). */
export function localControl(backend: LocalBackend): LocalControl {
  const db = backend.db;
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
    now: async () => simNow(db),
    advance: async (ms) => {
      const now = advanceClock(db, ms);
      // Time-driven effects that no later call might trigger in time: the 30-day mailbox rule and
      // the organizations' retention policies.
      const { applyTimeRules, unlinkAll } = await import("./mail/time-rules.js");
      unlinkAll(backend.tx((sim) => applyTimeRules(sim)).removedFiles);
      return now;
    },
    status: async () => localStatus(backend),
    reset: async () => resetStore(db),
    snapshot: async (name) => {
      const now = simNow(db);
      return takeSnapshot(db, backend.paths, name ?? defaultSnapshotName(new Date()), now);
    },
    snapshots: async () => listSnapshots(backend.paths),
    restore: async (name) => restoreSnapshot(db, backend.paths, name, SCHEMAS),
    lifecycle: async () => ({ ...readLifecycle(db) }),
    setLifecycle: async (patch) => setLifecycle(backend, patch),
    coverage: () => coverage(),
    credentials: async () => ({ ...simulatorCredentials(db), region: backend.region, endpoint: servedEndpoint(db) }),
    faults: async () => undefined,
    setFaults: async () => {
      throw new ControlError(
        "ValidationException",
        "fault injection applies to a served simulator: start `wmctl local serve` and pass its --endpoint-url",
      );
    },
    issuePersonalAccessToken: async (r) => {
      const { issuePersonalAccessToken } = await import("./operations/personal-access-tokens.js");
      return backend.tx((sim) => issuePersonalAccessToken(sim, r.organizationId, r.user, r.name, r.scopes));
    },
    deliver: async (request) =>
      (await import("./mail/deliver.js")).deliverMessages(
        { tx: (fn) => backend.tx(fn), paths: backend.paths },
        request,
      ),
    async caCertificate() {
      const { localCa } = await import("./tls/local-ca.js");
      return (await localCa(backend.db)).certPem;
    },
    async network(needs) {
      const [d, a] = await Promise.all([
        needs.dns ? ensureDns() : undefined,
        needs.autodiscover ? ensureAutodiscover() : undefined,
      ]);
      return { ...(d === undefined ? {} : { dns: d }), ...(a === undefined ? {} : { autodiscover: a }) };
    },
    verificationResolvers: async () =>
      (await import("./operations/domain-verification.js")).verificationResolvers(backend.db),
    setVerificationResolvers: async (servers) =>
      (await import("./operations/domain-verification.js")).setVerificationResolvers(backend.db, servers),
    async dispose() {
      await Promise.all(started.splice(0).map((s) => s.close()));
    },
  };
}

function localStatus(backend: LocalBackend): SimulatorStatus {
  const db = backend.db;
  const served = servedEndpoint(db);
  const implemented = WORKMAIL_OPERATIONS.filter((op) => LocalBackend.implements(op)).length;
  return {
    store: backend.paths.root,
    region: backend.region,
    accountId: backend.accountId,
    now: simNow(db),
    clockOffsetMs: clockOffsetMs(db),
    lifecycle: { ...readLifecycle(db) },
    tables: tableCounts(db),
    schema: schemaVersions(db),
    implemented,
    operations: WORKMAIL_OPERATIONS.length,
    snapshots: listSnapshots(backend.paths).length,
    servedAt: served,
    listeners: servedListeners(db, served),
  };
}

/** What a `wmctl local serve` on this store advertises: its endpoint, DNS and AutoDiscover servers. */
function servedListeners(db: LocalBackend["db"], endpoint: string | undefined): Array<{ name: string; url: string }> {
  const host = (h: string) => (h.includes(":") ? `[${h}]` : h);
  const dns = runningServices(db, "dns")[0];
  const ad = runningServices(db, "autodiscover")[0];
  return [
    ...(endpoint === undefined ? [] : ["workmail", "route53", "s3"].map((name) => ({ name, url: endpoint }))),
    ...(dns?.port === undefined ? [] : [{ name: "dns", url: `dns://${host(dns.host)}:${dns.port}` }]),
    ...(ad?.httpsPort === undefined
      ? []
      : [
          { name: "autodiscover-https", url: `https://${host(ad.host)}:${ad.httpsPort}/autodiscover/autodiscover.xml` },
        ]),
    ...(ad?.httpPort === undefined
      ? []
      : [{ name: "autodiscover-http", url: `http://${host(ad.host)}:${ad.httpPort}/autodiscover/autodiscover.xml` }]),
  ];
}

/** Lifecycle names are the keys of LifecycleSettings; values are seconds >= 0. */
/** The longest lifecycle delay: 10 years of simulator time. */
const MAX_LIFECYCLE_SECONDS = 3650 * 86400;

function setLifecycle(backend: LocalBackend, patch: Record<string, number | null>): Record<string, number> {
  const known = Object.keys(DEFAULT_LIFECYCLE);
  const stored: Record<string, number> = { ...readLifecycle(backend.db) };
  for (const [key, value] of Object.entries(patch)) {
    if (!known.includes(key))
      throw new ControlError("ValidationException", `unknown lifecycle "${key}"; known: ${known.join(", ")}`);
    if (value === null) stored[key] = DEFAULT_LIFECYCLE[key as keyof LifecycleSettings];
    else if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new ControlError("ValidationException", `lifecycle "${key}" must be a number of seconds >= 0`);
    } else if (key !== "exportMegabytesPerSecond" && value > MAX_LIFECYCLE_SECONDS) {
      // A due time past the clock's end (year 9999) would leave organizations Creating forever.
      throw new ControlError(
        "ValidationException",
        `lifecycle "${key.replace(/Seconds$/, "")}" must be at most 3650d (10 years of simulator time)`,
      );
    } else stored[key] = value;
  }
  setMeta(backend.db, LIFECYCLE_KEY, stored);
  return stored;
}

/** Generated from the model's operations, the paginators, and the simulator's handlers. */
async function coverage(): Promise<OperationCoverage[]> {
  const paginators = await loadPaginators();
  return Object.keys(serviceModel().operations)
    .sort()
    .map((operation) => ({
      operation,
      implemented: LocalBackend.implements(operation as WorkMailOperation),
      paginated: paginators[operation] !== undefined,
    }));
}
