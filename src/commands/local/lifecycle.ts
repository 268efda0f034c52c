import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { formatDuration, parseDuration } from "../../time/duration.js";

/** `organizationCreate` and `organizationCreateSeconds` name the same delay. */
function delayName(raw: string): string {
  return raw.endsWith("Seconds") ? raw : `${raw}Seconds`;
}

export const localLifecycleCommand = defineCommand({
  name: "lifecycle",
  summary: "Show or set the simulator's lifecycle delays (immediate by default)",
  description:
    "How long, in simulator time, a lifecycle takes: e.g. organizationCreate (Creating -> Active).\n" +
    "`wmctl local advance` moves the clock past them. Settings are kept in the store (served or not).",
  examples: ["wmctl local lifecycle", "wmctl local lifecycle organizationCreate=30s", "wmctl local lifecycle --reset"],
  args: [{ name: "settings", describe: "NAME=DURATION pairs (90s, 15m, 2h; 0 = immediate)", required: false, variadic: true }],
  options: {
    reset: { kind: "boolean", describe: "Put every delay back to its default (immediate)" },
  },
  output: { fields: ["name", "delay", "seconds"], columns: ["name", "delay"], list: true },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const patch: Record<string, number | null> = {};
    if (opts.reset) for (const k of Object.keys(await sim.lifecycle())) patch[k] = null;
    for (const pair of opts.settings ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`"${pair}" is not NAME=DURATION`, "e.g. organizationCreate=30s");
      let ms: number;
      try {
        ms = parseDuration(pair.slice(eq + 1));
      } catch (e) {
        throw new UsageError(`${pair.slice(0, eq)}: ${(e as Error).message}`);
      }
      patch[delayName(pair.slice(0, eq))] = ms / 1000;
    }
    const current = Object.keys(patch).length > 0 ? await sim.setLifecycle(patch) : await sim.lifecycle();
    if (Object.keys(patch).length > 0) ctx.out.status("Lifecycle delays updated");
    for (const [key, seconds] of Object.entries(current)) {
      ctx.out.row({ name: key.replace(/Seconds$/, ""), delay: seconds === 0 ? "immediate" : formatDuration(seconds * 1000), seconds });
    }
  },
});
