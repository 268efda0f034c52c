import { defineCommand } from "../../cli/define-command.js";
import { monitoringOutput } from "./view.js";
import { unlessServiceError } from "../../errors/with-hint.js";

export const monitoringShowCommand = defineCommand({
  name: "show",
  aliases: ["describe", "get"],
  summary: "Show the email event logging configuration",
  examples: ["wmctl monitoring show", "wmctl monitoring show -o json"],
  output: monitoringOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const res = await unlessServiceError(
      api.describeEmailMonitoringConfiguration({ OrganizationId: await ctx.org() }),
      "ResourceNotFoundException",
    );
    ctx.out.record({ enabled: res !== undefined, logGroupArn: res?.LogGroupArn, roleArn: res?.RoleArn });
  },
});
