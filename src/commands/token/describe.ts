import { defineCommand } from "../../cli/define-command.js";
import { requireToken, tokenRecordOutput, tokenView } from "./view.js";

export const tokenDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show", "get"],
  summary: "Show a personal access token's metadata (never the token itself)",
  examples: ["wmctl token describe 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"],
  args: [{ name: "id", describe: "token id (see `wmctl token list`)" }],
  output: tokenRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    ctx.out.record(await tokenView(ctx, await requireToken(api, org, opts.id)));
  },
});
