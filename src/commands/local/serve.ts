import { startSimulatorServer } from "../../backend/create-backend.js";
import { normalizeOrigin, type ListenerInfo, type ListenerOptions } from "../../backend/simulator-server.js";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { describeFaults, FAULT_OPTIONS, faultPatch } from "./fault-options.js";

const DEFAULT_SERVE_PORT = 4750;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** By default the extra listeners take the ports after --port (4751 DNS, 4752 and 4753 AutoDiscover); --port 0: free ports. */
const OFFSETS = { dns: 1, autodiscoverHttp: 2, autodiscoverHttps: 3 } as const;

export function listenerPorts(
  port: number,
  opts: {
    dnsPort?: number | undefined;
    autodiscoverHttpPort?: number | undefined;
    autodiscoverHttpsPort?: number | undefined;
    noDns: boolean;
    noAutodiscover: boolean;
  },
): ListenerOptions {
  const derived = (offset: number) => (port === 0 || port + offset > 65535 ? 0 : port + offset);
  return {
    dns: opts.noDns ? false : { port: opts.dnsPort ?? derived(OFFSETS.dns) },
    autodiscover: opts.noAutodiscover
      ? false
      : {
          httpPort: opts.autodiscoverHttpPort ?? derived(OFFSETS.autodiscoverHttp),
          httpsPort: opts.autodiscoverHttpsPort ?? derived(OFFSETS.autodiscoverHttps),
        },
  };
}

const url = (listeners: readonly ListenerInfo[], name: string) => listeners.find((l) => l.name === name)?.url;

export const localServeCommand = defineCommand({
  name: "serve",
  summary: "Serve the simulator: the WorkMail, Route 53 and S3 APIs, its DNS server and AutoDiscover",
  description:
    "Speaks the WorkMail wire protocol (awsJson1_1, SigV4) on the same store as the embedded backend, so\n" +
    "`wmctl` and any AWS SDK see the same data. The same endpoint answers Route 53 (the local hosted\n" +
    "zones) and S3 reads (export jobs' zips and logs). Requests must be signed with the simulator's own\n" +
    'keys (eval "$(wmctl local credentials)"); --no-auth accepts unsigned ones. The admin API for tests\n' +
    "is under /_wmctl/ (status, reset, advance, snapshot, restore, lifecycle, faults).\n" +
    "Beside it run the DNS server for the hosted zones (UDP and TCP on one port: dig @127.0.0.1 -p PORT)\n" +
    "and AutoDiscover over HTTP and HTTPS (certificates from the local CA: wmctl local ca). By default\n" +
    "they take the three ports after --port (4751, 4752, 4753); with --port 0 they take free ones.\n" +
    "Every endpoint is printed at start-up and by `wmctl local status`. Runs until Ctrl-C.",
  examples: [
    "wmctl local serve",
    "wmctl local serve --port 0 --fields endpoint     # free ports; prints only the endpoint URL",
    "wmctl local serve --dns-port 5353 --no-autodiscover",
    "wmctl local serve --throttle 5 --error-rate 0.05 --latency 100",
    "wmctl local serve --no-auth --cors-origin http://localhost:3000   # a web app in development may call it",
    "aws workmail list-organizations --endpoint-url http://127.0.0.1:4750",
    "dig @127.0.0.1 -p 4751 example.com MX",
  ],
  options: {
    host: {
      kind: "string",
      placeholder: "address",
      default: "127.0.0.1",
      describe: "Address to listen on (every listener)",
    },
    port: {
      kind: "int",
      default: DEFAULT_SERVE_PORT,
      min: 0,
      max: 65535,
      describe: "Port of the WorkMail, Route 53 and S3 endpoint (0: a free one)",
    },
    noAuth: {
      kind: "boolean",
      describe: "Accept unsigned requests (no SigV4 check; web pages are refused unless --cors-origin names them)",
    },
    corsOrigin: {
      kind: "list",
      placeholder: "origin",
      describe: "Let a web page at this origin (http://localhost:3000) call the simulator from a browser; * for any",
    },
    dnsPort: {
      kind: "int",
      min: 0,
      max: 65535,
      placeholder: "port",
      describe: "UDP and TCP port of the DNS server (default: --port + 1; 0: a free one)",
    },
    noDns: { kind: "boolean", describe: "Do not run the DNS server" },
    autodiscoverHttpPort: {
      kind: "int",
      min: 0,
      max: 65535,
      placeholder: "port",
      describe: "Port of AutoDiscover over HTTP, the phase-3 redirect (default: --port + 2)",
    },
    autodiscoverHttpsPort: {
      kind: "int",
      min: 0,
      max: 65535,
      placeholder: "port",
      describe: "Port of AutoDiscover over HTTPS (default: --port + 3)",
    },
    noAutodiscover: { kind: "boolean", describe: "Do not run the AutoDiscover server" },
    ...FAULT_OPTIONS,
  },
  output: {
    fields: [
      "endpoint",
      "region",
      "auth",
      "faults",
      "store",
      "admin",
      "dns",
      "autodiscoverHttps",
      "autodiscoverHttp",
      "listeners",
    ],
    columns: ["endpoint", "region", "auth", "faults", "store", "dns", "autodiscoverHttps", "autodiscoverHttp"],
  },
  async run(ctx, opts) {
    if (ctx.settings.backend === "aws") {
      throw new UsageError(
        "`local serve` serves the local simulator's store, not an AWS endpoint",
        "drop --backend aws / --endpoint-url (the store is chosen by WMCTL_HOME or the profile)",
      );
    }
    if (opts.noDns && opts.dnsPort !== undefined) throw new UsageError("--dns-port and --no-dns contradict each other");
    if (opts.noAutodiscover && (opts.autodiscoverHttpPort !== undefined || opts.autodiscoverHttpsPort !== undefined)) {
      throw new UsageError("--autodiscover-http(s)-port and --no-autodiscover contradict each other");
    }
    const corsOrigins = opts.corsOrigin.map((o) => {
      const origin = normalizeOrigin(o.trim());
      if (origin === undefined)
        throw new UsageError(
          `--cors-origin: "${o}" is not a web origin`,
          "e.g. --cors-origin http://localhost:3000 (scheme, host and port; no path)",
        );
      return origin;
    });
    const faults = faultPatch(opts);
    const region = ctx.settings.region ?? "us-east-1";
    if (!LOOPBACK.test(opts.host)) {
      ctx.out.warn(
        `listening on ${opts.host}: other machines can reach the simulator and its admin path${opts.noAuth ? ", and --no-auth lets anyone in" : ""}`,
      );
    }
    const running = await startSimulatorServer({
      dataDir: ctx.settings.dataDir,
      region,
      host: opts.host,
      port: opts.port,
      auth: !opts.noAuth,
      corsOrigins,
      faults,
      listenerOptions: listenerPorts(opts.port, opts),
      log: (line) => ctx.debug(line),
      warn: (line) => ctx.out.warn(line),
    });
    try {
      const endpoint = running.endpoint;
      const settings = await running.control.faults();
      const dns = url(running.listeners, "dns");
      ctx.out.record({
        endpoint,
        region,
        auth: running.auth ? "sigv4" : "off",
        faults: settings === undefined ? "none" : describeFaults(settings),
        store: running.store,
        admin: `${endpoint}/_wmctl/status`,
        dns,
        autodiscoverHttps: url(running.listeners, "autodiscover-https"),
        autodiscoverHttp: url(running.listeners, "autodiscover-http"),
        listeners: running.listeners.map((l) => `${l.name}=${l.url}`),
      });
      await ctx.out.end();
      const width = Math.max(...running.listeners.map((l) => l.name.length));
      const dnsAt = dns === undefined ? undefined : new URL(dns.replace(/^dns:/, "http:"));
      ctx.out.info(
        `Serving the simulator (region ${region}${running.auth ? "" : ", no signature check"}):\n` +
          running.listeners.map((l) => `  ${l.name.padEnd(width)}  ${l.url}`).join("\n") +
          "\nUse it with:\n" +
          (running.auth
            ? `  eval "$(wmctl local credentials)"        # the simulator's own keys, region and endpoints\n`
            : "") +
          `  aws workmail list-organizations --endpoint-url ${endpoint}\n` +
          `  wmctl --endpoint-url ${endpoint} domain verify example.com\n` +
          (dnsAt === undefined
            ? ""
            : `  dig @${dnsAt.hostname.replace(/^\[|\]$/g, "")} -p ${dnsAt.port} example.com TXT\n`) +
          `Press Ctrl-C to stop.`,
      );
      const signal = await ctx.untilInterrupted();
      ctx.out.info(`${signal}: stopping (requests in flight finish first)...`);
    } finally {
      await running.stop();
    }
    ctx.out.status(`Stopped serving ${running.endpoint}`);
  },
});
