import { readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { RequestCounts, SimulatorControl } from "../../backend/simulator-control.js";
import type { ListenerInfo, RunningSimulator, ServeOptions } from "../../backend/simulator-server.js";
import { localControl } from "../control.js";
import { simulatorCredentials } from "../credentials.js";
import { EXTRA_LISTENERS, startListeners, type ListenerContext, type SimulatorListener } from "../listeners.js";
import { LocalBackend } from "../local-backend.js";
import { advertiseService, withdrawService } from "../network-services.js";
import { LocalHostedZones } from "../route53/local-hosted-zones.js";
import type { S3Store } from "../s3/http.js";
import { loadServiceModel } from "../model/service-model.js";
import { FaultInjector } from "./faults.js";
import { createWireHandler } from "./wire-server.js";

/** How long a stop waits for requests in flight before closing their connections. */
const DRAIN_MS = 5000;

/**
 * Serves the simulator: the WorkMail API (awsJson1_1 + the admin path) on one HTTP listener, then
 * every extra listener, all over one LocalBackend on the same SQLite store the in-process backend
 * uses. `stop()` stops them in reverse order, lets requests in flight finish, and closes the store.
 */
export async function serveSimulator(options: ServeOptions): Promise<RunningSimulator> {
  const model = await loadServiceModel();
  const faults = new FaultInjector(options.faults);
  const backend = await LocalBackend.open({ dir: options.dataDir, region: options.region });
  try {
    const credentials = simulatorCredentials(backend.db);
    const counts: RequestCounts = { total: 0, errors: 0, throttled: 0, injectedFailures: 0, unauthenticated: 0 };
    const startedAt = new Date();
    let endpoint = "";
    let bound = { host: options.host, port: options.port };
    let listeners: readonly ListenerInfo[] = [];
    const base = localControl(backend);
    // The admin path serves the port's methods only: dispose (the process's own business) is left out.
    const { dispose: _dispose, ...methods } = base;
    const control: SimulatorControl = {
      ...methods,
      get location() {
        return endpoint;
      },
      status: async () => ({
        ...(await base.status()),
        server: { endpoint, auth: options.auth, startedAt, faults: faults.current, requests: { ...counts }, listeners },
      }),
      faults: async () => faults.current,
      setFaults: async (patch) => faults.update(patch),
      // Servers this process runs, whether started with it or on demand (a listener turned off).
      network: async (needs) => {
        const net = await base.network(needs);
        return {
          ...(net.dns === undefined ? {} : { dns: { ...net.dns, source: "served" as const } }),
          ...(net.autodiscover === undefined
            ? {}
            : { autodiscover: { ...net.autodiscover, source: "served" as const } }),
        };
      },
    };

    let closing = false;
    const handler = createWireHandler({
      closing: () => closing,
      backend,
      model,
      region: options.region,
      credentials: options.auth ? credentials : undefined,
      faults,
      control,
      counts,
      zones: new LocalHostedZones((fn) => backend.tx(fn)),
      s3: s3Store(backend),
      log: options.log,
      host: options.host,
      corsOrigins: options.corsOrigins,
      limits: options.bodyLimits,
      onInternalError: (e, op) =>
        options.warn?.(`internal error in ${op}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
      expectContinue: true,
    });
    const server = createServer({ keepAlive: true }, handler);
    // `Expect: 100-continue`: the handler decides (a refused body is never asked for).
    server.on("checkContinue", handler);
    // Clients (the SDK's keep-alive agent) reuse idle connections; closing them after 5 s (Node's
    // default) races with reuse and turns into ECONNRESET retries. AWS keeps them about a minute.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 70_000;
    const http: SimulatorListener = {
      name: "workmail",
      start: async () => {
        const address = await listen(server, options.host, options.port);
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        endpoint = `http://${options.host === "localhost" ? "localhost" : host}:${address.port}`;
        bound = { host: address.address, port: address.port };
        // One endpoint, three services: WorkMail (awsJson1_1), Route 53 (restXml) and S3 (path-style reads).
        return [
          { name: "workmail", url: endpoint },
          { name: "route53", url: endpoint },
          { name: "s3", url: endpoint },
        ];
      },
      stop: () => {
        closing = true;
        return close(server);
      },
    };
    const ctx: ListenerContext = {
      backend,
      options,
      get endpoint() {
        return endpoint;
      },
      log: (line) => options.log?.(line),
    };
    const extra = EXTRA_LISTENERS.map((f) => f(ctx)).filter((l): l is SimulatorListener => l !== undefined);
    const started = await startListeners([http, ...extra]);
    listeners = started.started;
    advertiseService(backend.db, "workmail", { ...bound, url: endpoint });
    let stopping: Promise<void> | undefined;
    return {
      endpoint,
      region: options.region,
      auth: options.auth,
      store: backend.paths.root,
      listeners,
      control,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await started.stop();
            await base.dispose();
          } finally {
            withdrawService(backend.db, "workmail", bound);
            backend.close();
          }
        })()),
    };
  } catch (e) {
    backend.close();
    throw e;
  }
}

/** The simulator's buckets: those export jobs registered, and any folder under s3/. */
function s3Store(backend: LocalBackend): S3Store {
  return {
    root: backend.paths.s3,
    region: backend.region,
    buckets: () => {
      const rows = backend.db
        .prepare<[], { name: string; region: string; created_at: number }>(
          "SELECT name, region, created_at FROM s3_buckets ORDER BY name",
        )
        .all()
        .map((r) => ({ name: r.name, region: r.region, created: new Date(r.created_at) }));
      let folders: string[] = [];
      try {
        folders = readdirSync(backend.paths.s3, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name);
      } catch {
        // No bucket yet.
      }
      const named = new Set(rows.map((r) => r.name));
      const extra = folders
        .filter((f) => !named.has(f))
        .map((name) => ({
          name,
          region: backend.region,
          created: new Date(statSync(join(backend.paths.s3, name)).birthtimeMs || Date.now()),
        }));
      return [...rows, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE")
        reject(new Error(`port ${port} on ${host} is already in use: pick another with --port (0 picks a free one)`));
      else if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND")
        reject(new Error(`cannot listen on ${host}: not an address of this machine`));
      else if (e.code === "EACCES")
        reject(new Error(`not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`));
      else reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Stops accepting, closes idle keep-alive connections, lets requests in flight finish (they reply with Connection: close). */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    force.unref();
    idle.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
