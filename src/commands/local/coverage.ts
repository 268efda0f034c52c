import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";

export const localCoverageCommand = defineCommand({
  name: "coverage",
  summary: "List the WorkMail API operations and whether the simulator implements each",
  description:
    "Generated from the service model and the simulator's handlers. An operation not implemented yet\n" +
    "answers UnsupportedOperationException (never a fake success). With --endpoint-url: what that served\n" +
    "simulator implements.",
  examples: [
    "wmctl local coverage",
    "wmctl local coverage --missing",
    "wmctl local coverage -o json | jq '[.[] | select(.implemented)] | length'",
  ],
  options: {
    missing: { kind: "boolean", describe: "Only the operations not implemented yet" },
    implemented: { kind: "boolean", describe: "Only the implemented operations" },
  },
  output: {
    fields: ["operation", "implemented", "paginated"],
    columns: ["operation", "implemented", "paginated"],
    list: true,
  },
  async run(ctx, opts) {
    if (opts.missing && opts.implemented)
      throw new UsageError(
        "--missing and --implemented contradict each other",
        "give one, or neither for every operation",
      );
    const sim = await ctx.simulator();
    const all = await sim.coverage();
    for (const c of all) {
      if (opts.missing && c.implemented) continue;
      if (opts.implemented && !c.implemented) continue;
      ctx.out.row({ operation: c.operation, implemented: c.implemented, paginated: c.paginated });
    }
    const done = all.filter((c) => c.implemented).length;
    ctx.out.status(`${done} of ${all.length} operations implemented (${Math.round((done / all.length) * 100)}%)`);
  },
});
