import { defineCommand } from "../../cli/define-command.js";
import { monitoringOutput } from "./view.js";

export const monitoringDisableCommand = defineCommand({
  name: "disable",
  aliases: ["off"],
  summary: "Turn off email event logging",
  description:
    "The log group and the service-linked role stay; delete them in CloudWatch Logs and IAM if you no longer need them.",
  examples: ["wmctl monitoring disable --yes"],
  output: monitoringOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.org();
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteEmailMonitoringConfiguration", target: org });
      return;
    }
    await ctx.confirm("Turn off email event logging for this organization?");
    const api = await ctx.backend();
    await api.deleteEmailMonitoringConfiguration({ OrganizationId: org });
    ctx.out.status("Email event logging is off");
    ctx.out.record({ enabled: false, logGroupArn: undefined, roleArn: undefined });
  },
});
