import { defineCommand } from "../../cli/define-command.js";
import { snapshotOutput, snapshotView } from "./snapshot-view.js";

export const localRestoreCommand = defineCommand({
  name: "restore",
  summary: "Replace the simulator's whole state with a snapshot (keeps its credentials)",
  examples: ["wmctl local restore before-migration --yes"],
  args: [{ name: "name", describe: "the snapshot (see `wmctl local snapshots`)" }],
  output: snapshotOutput,
  mutating: true,
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    if (opts.dryRun) {
      ctx.out.plan({ action: "restore", target: sim.location, details: { snapshot: opts.name } });
      return;
    }
    await ctx.confirm(`Replace everything in the simulator at ${sim.location} with snapshot ${opts.name}?`);
    const info = await sim.restore(opts.name);
    ctx.out.status(`Restored snapshot ${info.name} (simulator time ${info.simulatorTime.toISOString()})`);
    ctx.out.record(snapshotView(info));
  },
});
