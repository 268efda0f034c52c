import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { monitoringOutput } from "./view.js";

export const monitoringEnableCommand = defineCommand({
  name: "enable",
  aliases: ["on", "set"],
  summary: "Turn on email event logging to CloudWatch Logs",
  description:
    "By default events go to the log group /aws/workmail/emailevents/<alias> of the organization's Region,\n" +
    'written by the service-linked role AmazonWorkMailEvents (the console\'s "Use default settings"). Give\n' +
    "--log-group (a name) or --log-group-arn, and --role-arn, for a log group and role you created; the\n" +
    "log group must be in the organization's Region. As in the console, you authorize WorkMail to publish\n" +
    "logs in your account (--yes without a terminal).",
  examples: [
    "wmctl monitoring enable",
    "wmctl monitoring enable --log-group workmail-monitoring --role-arn arn:aws:iam::111122223333:role/workmail-monitoring-role --yes",
  ],
  options: {
    logGroup: {
      kind: "string",
      placeholder: "name",
      describe: "Log group name in the organization's Region and account",
    },
    logGroupArn: {
      kind: "string",
      placeholder: "arn",
      describe: "Log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>:*)",
    },
    roleArn: {
      kind: "string",
      placeholder: "arn",
      describe: "IAM role WorkMail uses to write the logs (default: the service-linked role)",
    },
  },
  output: monitoringOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.logGroup !== undefined && opts.logGroupArn !== undefined)
      throw new UsageError("give --log-group or --log-group-arn, not both");
    const api = await ctx.backend();
    const org = await ctx.org();
    let arn = opts.logGroupArn;
    if (arn === undefined) {
      const d = await api.describeOrganization({ OrganizationId: org });
      // arn:aws:workmail:<region>:<account>:organization/<id>
      const [, , , region, account] = (d.ARN ?? "").split(":");
      const name = opts.logGroup ?? `/aws/workmail/emailevents/${d.Alias ?? org}`;
      arn = `arn:aws:logs:${region ?? ""}:${account ?? ""}:log-group:${name}:*`;
    } else if (!arn.startsWith("arn:aws:logs:")) {
      throw new UsageError(
        `--log-group-arn "${arn}" is not a log group ARN`,
        "arn:aws:logs:<region>:<account>:log-group:<name>:* (or give the name with --log-group)",
      );
    } else if (!arn.endsWith(":*")) {
      throw new UsageError(`--log-group-arn must end with ":*" (the log group's streams), e.g. ${arn}:*`);
    }
    if (opts.dryRun) {
      ctx.out.plan({
        action: "PutEmailMonitoringConfiguration",
        target: org,
        details: { logGroupArn: arn, roleArn: opts.roleArn ?? "(service-linked role)" },
      });
      return;
    }
    await ctx.confirm("Authorize Amazon WorkMail to publish logs in your account using this configuration?");
    await api.putEmailMonitoringConfiguration({
      OrganizationId: org,
      LogGroupArn: arn,
      ...(opts.roleArn === undefined ? {} : { RoleArn: opts.roleArn }),
    });
    const res = await api.describeEmailMonitoringConfiguration({ OrganizationId: org });
    ctx.out.status(`Email event logging is on: ${res.LogGroupArn ?? arn}`);
    ctx.out.record({ enabled: true, logGroupArn: res.LogGroupArn, roleArn: res.RoleArn });
  },
});
