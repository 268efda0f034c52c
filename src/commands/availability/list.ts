import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { availabilityListOutput, availabilityView } from "./view.js";

export const availabilityListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List availability (free/busy) providers of external domains",
  examples: ["wmctl availability list", "wmctl availability list -o json"],
  output: availabilityListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    for await (const c of paginate(
      (t) => api.listAvailabilityConfigurations({ OrganizationId: org, NextToken: t }),
      "AvailabilityConfigurations",
    )) {
      ctx.out.row(availabilityView(c));
    }
  },
});
