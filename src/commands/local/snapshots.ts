import { defineCommand } from "../../cli/define-command.js";
import { snapshotListOutput, snapshotView } from "./snapshot-view.js";

export const localSnapshotsCommand = defineCommand({
  name: "snapshots",
  summary: "List the saved snapshots of the simulator",
  examples: ["wmctl local snapshots"],
  output: snapshotListOutput,
  async run(ctx) {
    const sim = await ctx.simulator();
    for (const s of await sim.snapshots()) ctx.out.row(snapshotView(s));
  },
});
