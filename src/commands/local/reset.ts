import { defineCommand } from "../../cli/define-command.js";

export const localResetCommand = defineCommand({
  name: "reset",
  summary: "Erase every organization and setting of the simulator (keeps its credentials)",
  description:
    "Also puts the clock and the lifecycle delays back to their defaults. Take a snapshot first to come back.",
  examples: ["wmctl local reset --yes", "wmctl --endpoint-url http://127.0.0.1:4750 local reset --yes"],
  mutating: true,
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    if (opts.dryRun) {
      ctx.out.plan({ action: "reset", target: sim.location });
      return;
    }
    await ctx.confirm(`Erase everything in the simulator at ${sim.location}?`);
    await sim.reset();
    ctx.out.status(`Reset the simulator at ${sim.location}`);
  },
});
