import { defineCommand } from "../../cli/define-command.js";
import { monitoringOutput } from "./view.js";

export const monitoringShowCommand = defineCommand({
  name: "show",
  aliases: ["describe", "get"],
  summary: "Show the email event logging configuration",
  examples: ["wmctl monitoring show", "wmctl monitoring show -o json"],
  output: monitoringOutput,
  async run(ctx) {
    const api = await ctx.backend();
    try {
      const res = await api.describeEmailMonitoringConfiguration({ OrganizationId: await ctx.org() });
      ctx.out.record({ enabled: true, logGroupArn: res.LogGroupArn, roleArn: res.RoleArn });
    } catch (e) {
      if ((e as Error).name !== "ResourceNotFoundException") throw e;
      ctx.out.record({ enabled: false, logGroupArn: undefined, roleArn: undefined });
    }
  },
});
