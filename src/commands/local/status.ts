import { defineCommand } from "../../cli/define-command.js";
import { formatDuration } from "../../time/duration.js";
import { describeFaults } from "./fault-options.js";
import { describeLifecycle, lifecycleName } from "./lifecycle-view.js";

/** `a=1 b=2` for tables and TSV; JSON keeps the object. */
function pairs(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
}

export const localStatusCommand = defineCommand({
  name: "status",
  summary: "Show the simulator's store, clock, lifecycles, contents and (when served) its server",
  examples: ["wmctl local status", "wmctl --endpoint-url http://127.0.0.1:4750 local status -o json"],
  output: {
    fields: [
      "store",
      "region",
      "accountId",
      "now",
      "clockOffset",
      "lifecycle",
      "tables",
      "schema",
      "implemented",
      "snapshots",
      "servedAt",
      "endpoint",
      "auth",
      "faults",
      "requests",
      "dns",
      "autodiscoverHttps",
      "autodiscoverHttp",
      "listeners",
      "startedAt",
    ],
    columns: [
      "store",
      "region",
      "now",
      "clockOffset",
      "lifecycle",
      "tables",
      "implemented",
      "snapshots",
      "servedAt",
      "auth",
      "faults",
      "requests",
      "dns",
      "autodiscoverHttps",
      "autodiscoverHttp",
    ],
  },
  async run(ctx) {
    const sim = await ctx.simulator();
    const s = await sim.status();
    const json = ctx.out.isJson;
    const lifecycle = Object.fromEntries(
      Object.entries(s.lifecycle).map(([k, v]) => [lifecycleName(k), describeLifecycle(k, v)]),
    );
    const listeners = s.server?.listeners ?? s.listeners ?? [];
    const listener = (name: string) => listeners.find((l) => l.name === name)?.url;
    const rows = Object.fromEntries(Object.entries(s.tables).filter(([, n]) => n > 0));
    ctx.out.record({
      store: s.store,
      region: s.region,
      accountId: s.accountId,
      now: s.now,
      clockOffset: s.clockOffsetMs === 0 ? "0s" : `+${formatDuration(s.clockOffsetMs)}`,
      lifecycle: json ? s.lifecycle : pairs(lifecycle),
      tables: json ? s.tables : pairs(rows) || "empty",
      schema: s.schema,
      implemented: `${s.implemented}/${s.operations}`,
      snapshots: s.snapshots,
      servedAt: s.server?.endpoint ?? s.servedAt,
      endpoint: s.server?.endpoint,
      auth: s.server === undefined ? undefined : s.server.auth ? "sigv4" : "off",
      faults: s.server === undefined ? undefined : json ? s.server.faults : describeFaults(s.server.faults),
      requests:
        s.server === undefined
          ? undefined
          : json
            ? s.server.requests
            : pairs(s.server.requests as unknown as Record<string, unknown>),
      dns: listener("dns"),
      autodiscoverHttps: listener("autodiscover-https"),
      autodiscoverHttp: listener("autodiscover-http"),
      listeners: listeners.length === 0 ? undefined : listeners.map((l) => `${l.name}=${l.url}`),
      startedAt: s.server?.startedAt,
    });
  },
});
