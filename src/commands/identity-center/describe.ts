import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { knownApplications } from "./list.js";
import { applicationRecordOutput } from "./remembered.js";

export const identityCenterDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a WorkMail application in IAM Identity Center, by name or ARN",
  description: "Without an argument: the application the organization's sign-in uses, else the only one wmctl knows.",
  examples: ["wmctl identity-center describe WorkMail", "wmctl identity-center describe --fields applicationArn"],
  args: [{ name: "application", describe: "name or ARN (default: the one in use, or the only one)", required: false }],
  output: applicationRecordOutput,
  async run(ctx, opts) {
    const apps = await knownApplications(ctx);
    const ref = opts.application;
    const hit =
      ref === undefined
        ? (apps.find((a) => a.usedBy !== undefined) ?? (apps.length === 1 ? apps[0] : undefined))
        : apps.find((a) => a.applicationArn === ref || a.name?.toLowerCase() === ref.toLowerCase());
    if (hit === undefined) {
      throw new NotFoundError(
        ref === undefined
          ? `${apps.length === 0 ? "no" : "more than one"} Identity Center application known`
          : `no Identity Center application "${ref}" known to wmctl`,
        "see `wmctl identity-center list` (wmctl knows the ones it created and the one the organization uses)",
      );
    }
    ctx.out.record(hit);
  },
});
