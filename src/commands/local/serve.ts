import { startSimulatorServer } from "../../backend/create-backend.js";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { describeFaults, FAULT_OPTIONS, faultPatch } from "./fault-options.js";

export const DEFAULT_SERVE_PORT = 4750;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export const localServeCommand = defineCommand({
  name: "serve",
  summary: "Serve the simulator over the WorkMail API, for the AWS CLI, SDKs and wmctl --endpoint-url",
  description:
    "Speaks the WorkMail wire protocol (awsJson1_1, SigV4) on the same store as the embedded backend, so\n" +
    "`wmctl` and any AWS SDK see the same data. Requests must be signed with the simulator's own keys\n" +
    '(eval "$(wmctl local credentials)"); --no-auth accepts unsigned ones. The admin API for tests is\n' +
    "under /_wmctl/ (status, reset, advance, snapshot, restore, lifecycle, faults). Runs until Ctrl-C.",
  examples: [
    "wmctl local serve",
    "wmctl local serve --port 0 --fields endpoint     # a free port; prints only the endpoint URL",
    "wmctl local serve --throttle 5 --error-rate 0.05 --latency 100",
    "aws workmail list-organizations --endpoint-url http://127.0.0.1:4750",
  ],
  options: {
    host: { kind: "string", placeholder: "address", default: "127.0.0.1", describe: "Address to listen on" },
    port: { kind: "int", default: DEFAULT_SERVE_PORT, min: 0, max: 65535, describe: "Port to listen on (0: a free one)" },
    noAuth: { kind: "boolean", describe: "Accept unsigned requests (no SigV4 check)" },
    ...FAULT_OPTIONS,
  },
  output: {
    fields: ["endpoint", "region", "auth", "faults", "store", "admin", "listeners"],
    columns: ["endpoint", "region", "auth", "faults", "store"],
  },
  async run(ctx, opts) {
    if (ctx.settings.backend === "aws") {
      throw new UsageError("`local serve` serves the local simulator's store, not an AWS endpoint", "drop --backend aws / --endpoint-url (the store is chosen by WMCTL_HOME or the profile)");
    }
    const faults = faultPatch(opts);
    const region = ctx.settings.region ?? "us-east-1";
    if (!LOOPBACK.test(opts.host)) {
      ctx.out.warn(`listening on ${opts.host}: other machines can reach the simulator and its admin path${opts.noAuth ? ", and --no-auth lets anyone in" : ""}`);
    }
    const running = await startSimulatorServer({
      dataDir: ctx.settings.dataDir,
      region,
      host: opts.host,
      port: opts.port,
      auth: !opts.noAuth,
      faults,
      log: (line) => ctx.debug(line),
      warn: (line) => ctx.out.warn(line),
    });
    try {
      const url = running.endpoint;
      const settings = await running.control.faults();
      ctx.out.record({
        endpoint: url,
        region,
        auth: running.auth ? "sigv4" : "off",
        faults: settings === undefined ? "none" : describeFaults(settings),
        store: running.store,
        admin: `${url}/_wmctl/status`,
        listeners: running.listeners.map((l) => `${l.name}=${l.url}`),
      });
      await ctx.out.end();
      const prefix = running.listeners.length > 1 ? running.listeners.map((l) => `  ${l.name}: ${l.url}`).join("\n") + "\n" : "";
      ctx.out.info(
        `${prefix}Serving the WorkMail API at ${url} (region ${region}${running.auth ? "" : ", no signature check"}). Use it with:\n` +
          (running.auth ? `  eval "$(wmctl local credentials)"        # the simulator's own keys, region and endpoint\n` : "") +
          `  aws workmail list-organizations --endpoint-url ${url}\n` +
          `  wmctl --endpoint-url ${url} org list\n` +
          `  wmctl --endpoint-url ${url} local advance 25h\n` +
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
