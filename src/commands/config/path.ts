import { defineCommand } from "../../cli/define-command.js";

export const configPathCommand = defineCommand({
  name: "path",
  summary: "Print where the profiles file and the local simulator's store live",
  output: { fields: ["config", "data"], columns: ["config", "data"] },
  async run(ctx) {
    ctx.out.record({ config: ctx.config.path, data: ctx.settings.dataDir });
  },
});
