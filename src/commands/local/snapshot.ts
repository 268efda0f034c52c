import { defineCommand } from "../../cli/define-command.js";
import { snapshotOutput, snapshotView } from "./snapshot-view.js";

export const localSnapshotCommand = defineCommand({
  name: "snapshot",
  summary: "Save the simulator's whole state under a name (restore it with `local restore`)",
  examples: ["wmctl local snapshot before-migration", "wmctl local snapshot            # named after the time"],
  args: [{ name: "name", describe: "1-64 letters, digits, '.', '_' or '-' (default: a timestamp)", required: false }],
  output: snapshotOutput,
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const info = await sim.snapshot(opts.name);
    ctx.out.status(`Saved snapshot ${info.name}`);
    ctx.out.record(snapshotView(info));
  },
});
