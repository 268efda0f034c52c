import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { organizationArn, tagListOutput } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const tagAddCommand = defineCommand({
  name: "add",
  aliases: ["set"],
  summary: "Tag the organization (key=value; an existing key gets the new value)",
  description:
    "Tags show in billing and can scope IAM policies (aws:ResourceTag/<key>). Keys: 1-128 characters, not\n" +
    "starting with aws:; values: 0-256 characters. An organization has at most 50 tags. Never put\n" +
    "sensitive data such as email addresses in tags.",
  examples: ["wmctl tag add cost-center=1234 env=prod", "wmctl tag add team="],
  args: [{ name: "tags", describe: "key=value pairs (key= for an empty value)", variadic: true }],
  output: tagListOutput,
  mutating: true,
  async run(ctx, opts) {
    const tags = opts.tags.map((pair) => {
      const eq = pair.indexOf("=");
      if (eq <= 0)
        throw new UsageError(`"${pair}" is not key=value`, "e.g. cost-center=1234 (key= for an empty value)");
      const key = pair.slice(0, eq);
      if (key.toLowerCase().startsWith("aws:")) throw new UsageError(`tag key "${key}": the aws: prefix is reserved`);
      return { Key: key, Value: pair.slice(eq + 1) };
    });
    const twice = tags.find((t, i) => tags.findIndex((u) => u.Key === t.Key) !== i);
    if (twice !== undefined) throw new UsageError(`the tag key ${twice.Key} is given twice`);
    if (opts.dryRun) {
      // The organization's ARN is not needed to check the tags: a placeholder of the same shape stands in.
      await validateRequest("TagResource", {
        ResourceARN: "arn:aws:workmail:us-east-1:000000000000:organization/m-00000000000000000000000000000000",
        Tags: tags,
      });
      for (const t of tags) ctx.out.plan({ action: "TagResource", target: t.Key, details: { value: t.Value } });
      return;
    }
    const api = await ctx.backend();
    const arn = await organizationArn(ctx);
    await api.tagResource({ ResourceARN: arn, Tags: tags });
    ctx.out.status(`Tagged the organization: ${tags.map((t) => t.Key).join(", ")}`);
    const { Tags } = await api.listTagsForResource({ ResourceARN: arn });
    for (const t of Tags ?? []) ctx.out.row({ key: t.Key, value: t.Value });
  },
});
