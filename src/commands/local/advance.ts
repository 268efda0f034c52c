import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { parseDurationArg } from "../../time/duration.js";

export const localAdvanceCommand = defineCommand({
  name: "advance",
  summary: "Move the simulator clock forward (lifecycles, the 24-hour export rule, 30-day retention)",
  examples: ["wmctl local advance 25h", "wmctl local advance 30d"],
  args: [{ name: "duration", describe: "how far: 90s, 15m, 25h, 7d, 1h30m" }],
  output: { fields: ["now"], columns: ["now"] },
  async run(ctx, opts) {
    let ms: number;
    try {
      ms = parseDurationArg(opts.duration);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const sim = await ctx.simulator();
    const now = await sim.advance(ms);
    ctx.out.status(`Simulator time is now ${now.toISOString()}`);
    ctx.out.record({ now });
  },
});
