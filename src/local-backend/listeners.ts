import type { ListenerInfo, ServeOptions } from "../backend/simulator-server.js";
import type { LocalBackend } from "./local-backend.js";

/**
 * One network service of a served simulator. `wmctl local serve` starts the WorkMail API listener
 * and then every listener of EXTRA_LISTENERS, in order, and stops them in reverse order; if one
 * fails to start, the ones already started are stopped again.
 */
export interface SimulatorListener {
  readonly name: string;
  /** Starts listening; returns the URL (or host:port) clients use, or several named endpoints. */
  start(): Promise<string | readonly ListenerInfo[]>;
  stop(): Promise<void>;
}

export interface ListenerContext {
  readonly backend: LocalBackend;
  readonly options: ServeOptions;
  /** The WorkMail API endpoint (already listening). */
  readonly endpoint: string;
  log(line: string): void;
}

/** Builds a listener, or returns undefined when its options turn it off. */
export type ListenerFactory = (ctx: ListenerContext) => SimulatorListener | undefined;

const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

/** The address clients reach a listener bound to `host` at (a wildcard bind is reached on loopback). */
function reachableHost(host: string): string {
  if (WILDCARD.has(host)) return host.includes(":") ? "::1" : "127.0.0.1";
  return host === "localhost" ? "127.0.0.1" : host;
}

const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host);

/** The DNS server for the simulator's hosted zones (UDP and TCP on one port: `dig @host -p port`). */
const dnsListener: ListenerFactory = (ctx) => {
  const o = ctx.options.listenerOptions?.dns;
  if (o === undefined || o === false) return undefined;
  let server: { close(): Promise<void> } | undefined;
  return {
    name: "dns",
    async start() {
      const [{ startDnsServer }, { DEFAULT_SERVICE_NAMES }] = await Promise.all([
        import("./dns/server.js"),
        import("./dns/answer.js"),
      ]);
      const address = reachableHost(ctx.options.host);
      const s = await startDnsServer({
        db: ctx.backend.db,
        host: ctx.options.host === "localhost" ? "127.0.0.1" : ctx.options.host,
        port: o.port,
        // The simulated AWS host names (AutoDiscover, ActiveSync) point where AutoDiscover listens.
        serviceNames: {
          ...DEFAULT_SERVICE_NAMES,
          address: address.includes(":") ? DEFAULT_SERVICE_NAMES.address : address,
        },
        onQuery: (q) => ctx.log(`dns ${q.transport} ${q.name} ${q.type} rcode=${q.rcode} answers=${q.answers}`),
      }).catch((e: unknown) => {
        throw portError(e, "DNS", o.port, "--dns-port", "--no-dns");
      });
      server = s;
      return `dns://${urlHost(ctx.options.host)}:${s.port}`;
    },
    async stop() {
      await server?.close();
    },
  };
};

/** AutoDiscover: HTTPS (401, then the POX answer) with the local CA, and HTTP (the phase-3 redirect). */
const autodiscoverListener: ListenerFactory = (ctx) => {
  const o = ctx.options.listenerOptions?.autodiscover;
  if (o === undefined || o === false) return undefined;
  let server: { close(): Promise<void> } | undefined;
  return {
    name: "autodiscover",
    async start() {
      const { startAutodiscoverServer } = await import("./autodiscover/server.js");
      const s = await startAutodiscoverServer({
        db: ctx.backend.db,
        region: ctx.backend.region,
        host: ctx.options.host === "localhost" ? "127.0.0.1" : ctx.options.host,
        httpPort: o.httpPort,
        httpsPort: o.httpsPort,
        onRequest: (r) =>
          ctx.log(`autodiscover ${r.tls ? "https" : "http"} ${r.method} ${r.host}${r.path} ${r.status}`),
      }).catch((e: unknown) => {
        throw portError(
          e,
          "AutoDiscover",
          undefined,
          "--autodiscover-http-port / --autodiscover-https-port",
          "--no-autodiscover",
        );
      });
      server = s;
      const host = urlHost(ctx.options.host);
      return [
        { name: "autodiscover-https", url: `https://${host}:${s.httpsPort}/autodiscover/autodiscover.xml` },
        { name: "autodiscover-http", url: `http://${host}:${s.httpPort}/autodiscover/autodiscover.xml` },
      ];
    },
    async stop() {
      await server?.close();
    },
  };
};

function portError(e: unknown, what: string, port: number | undefined, flag: string, off: string): Error {
  const err = e as NodeJS.ErrnoException & { port?: number };
  if (err.code === "EADDRINUSE") {
    const which = port ?? err.port;
    return new Error(
      `the ${what} port${which === undefined ? "" : ` ${which}`} is already in use: pick another with ${flag} (0 picks a free one), or turn it off with ${off}`,
    );
  }
  if (err.code === "EACCES")
    return new Error(
      `not allowed to listen on the ${what} port${port === undefined ? "" : ` ${port}`} (ports below 1024 need privileges): use ${flag}`,
    );
  return err instanceof Error ? err : new Error(String(e));
}

/**
 * The simulator's other listeners (the DNS server for its hosted zones, AutoDiscover over
 * HTTP/HTTPS ...): append a factory here to have `wmctl local serve` run it. Each module is imported
 * inside start(), so serving only the WorkMail API never loads dns2 or the TLS code.
 */
export const EXTRA_LISTENERS: ListenerFactory[] = [dnsListener, autodiscoverListener];

export interface StartedListeners {
  readonly started: ReadonlyArray<ListenerInfo>;
  stop(): Promise<void>;
}

export async function startListeners(listeners: readonly SimulatorListener[]): Promise<StartedListeners> {
  const running: { listener: SimulatorListener; endpoints: readonly ListenerInfo[] }[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const { listener } of running.splice(0).reverse()) {
      try {
        await listener.stop();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  };
  try {
    for (const listener of listeners) {
      const url = await listener.start();
      running.push({ listener, endpoints: typeof url === "string" ? [{ name: listener.name, url }] : url });
    }
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  return { started: running.flatMap((r) => r.endpoints), stop };
}
