import { defineCommand } from "../../cli/define-command.js";
import { formatDuration } from "../../time/duration.js";

export const localStatusCommand = defineCommand({
  name: "status",
  summary: "Show the simulator's store, clock, lifecycles, contents and (when served) its server",
  examples: ["wmctl local status", "wmctl --endpoint-url http://127.0.0.1:4750 local status -o json"],
  output: {
    fields: [
      "store", "region", "accountId", "now", "clockOffset", "lifecycle", "tables", "schema", "implemented",
      "snapshots", "servedAt", "endpoint", "auth", "faults", "requests", "listeners", "startedAt",
    ],
    columns: ["store", "region", "now", "clockOffset", "lifecycle", "tables", "implemented", "snapshots", "servedAt", "auth", "faults", "requests"],
  },
  async run(ctx) {
    const sim = await ctx.simulator();
    const s = await sim.status();
    ctx.out.record({
      store: s.store,
      region: s.region,
      accountId: s.accountId,
      now: s.now,
      clockOffset: s.clockOffsetMs === 0 ? "0s" : `+${formatDuration(s.clockOffsetMs)}`,
      lifecycle: s.lifecycle,
      tables: s.tables,
      schema: s.schema,
      implemented: `${s.implemented}/${s.operations}`,
      snapshots: s.snapshots,
      servedAt: s.server?.endpoint ?? s.servedAt,
      endpoint: s.server?.endpoint,
      auth: s.server === undefined ? undefined : s.server.auth ? "sigv4" : "off",
      faults: s.server?.faults,
      requests: s.server?.requests,
      listeners: s.server?.listeners.map((l) => `${l.name}=${l.url}`),
      startedAt: s.server?.startedAt,
    });
  },
});
