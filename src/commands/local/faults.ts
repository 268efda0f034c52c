import { defineCommand } from "../../cli/define-command.js";
import { NO_FAULTS } from "../../backend/simulator-control.js";
import { UsageError } from "../../errors/cli-error.js";
import { describeFaults, FAULT_OPTIONS, faultPatch } from "./fault-options.js";

export const localFaultsCommand = defineCommand({
  name: "faults",
  summary: "Show or change the fault injection of a served simulator (throttling, 500s, latency)",
  examples: [
    "wmctl --endpoint-url http://127.0.0.1:4750 local faults --throttle 5",
    "wmctl --endpoint-url http://127.0.0.1:4750 local faults --error-rate 0.2 --latency 100",
    "wmctl --endpoint-url http://127.0.0.1:4750 local faults --clear",
  ],
  options: {
    ...FAULT_OPTIONS,
    clear: { kind: "boolean", describe: "Turn every fault off" },
  },
  output: {
    fields: ["throttleTps", "errorRate", "latencyMs", "summary"],
    columns: ["throttleTps", "errorRate", "latencyMs"],
  },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const current = await sim.faults();
    if (current === undefined) {
      throw new UsageError(
        "fault injection applies to a served simulator",
        "start `wmctl local serve`, then: wmctl --endpoint-url http://127.0.0.1:PORT local faults ...",
      );
    }
    const patch = { ...(opts.clear ? NO_FAULTS : {}), ...faultPatch(opts) };
    const settings = Object.keys(patch).length > 0 ? await sim.setFaults(patch) : current;
    if (Object.keys(patch).length > 0) ctx.out.status(`Faults: ${describeFaults(settings)}`);
    ctx.out.record({ ...settings, summary: describeFaults(settings) });
  },
});
