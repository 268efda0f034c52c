import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { lifecycleName, lifecycleView, parseLifecycleValue } from "./lifecycle-view.js";

export const localLifecycleCommand = defineCommand({
  name: "lifecycle",
  summary: "Show or set the simulator's lifecycle delays (immediate by default)",
  description:
    "How long, in simulator time, a lifecycle takes: e.g. organizationCreate (Creating -> Active).\n" +
    "`wmctl local advance` moves the clock past them. exportMegabytesPerSecond adds a mailbox export's\n" +
    "size to its exportJob delay (0: unlimited). Settings are kept in the store (served or not).",
  examples: [
    "wmctl local lifecycle",
    "wmctl local lifecycle organizationCreate=30s",
    "wmctl local lifecycle exportJob=2m exportMegabytesPerSecond=5",
    "wmctl local lifecycle --reset",
  ],
  args: [
    {
      name: "settings",
      describe: "NAME=DURATION pairs (90s, 15m, 2h; 0 = immediate), or exportMegabytesPerSecond=N",
      required: false,
      variadic: true,
    },
  ],
  options: {
    reset: { kind: "boolean", describe: "Put every setting back to its default" },
  },
  output: { fields: ["name", "delay", "seconds", "value"], columns: ["name", "delay"], list: true },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const stored = await sim.lifecycle();
    const keys = Object.keys(stored);
    const patch: Record<string, number | null> = {};
    if (opts.reset) for (const k of keys) patch[k] = null;
    for (const pair of opts.settings ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`"${pair}" is not NAME=DURATION`, "e.g. organizationCreate=30s");
      const name = pair.slice(0, eq);
      // `organizationCreate` and `organizationCreateSeconds` name the same delay.
      const key = keys.find((k) => k === name || lifecycleName(k) === name);
      if (key === undefined)
        throw new UsageError(`unknown lifecycle "${name}"`, `known: ${keys.map(lifecycleName).join(", ")}`);
      try {
        patch[key] = parseLifecycleValue(key, pair.slice(eq + 1));
      } catch (e) {
        throw new UsageError(`${name}: ${(e as Error).message}`);
      }
    }
    const changed = Object.keys(patch).length > 0;
    const current = changed ? await sim.setLifecycle(patch) : stored;
    if (changed) ctx.out.status("Lifecycle delays updated");
    for (const [key, value] of Object.entries(current)) ctx.out.row(lifecycleView(key, value));
  },
});
