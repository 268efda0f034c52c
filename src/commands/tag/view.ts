import type { CommandContext } from "../../context/context.js";
import type { OutputSpec } from "../../output/format.js";

export const tagListOutput: OutputSpec = {
  fields: ["key", "value"],
  columns: ["key", "value"],
  list: true,
  empty: "no tags",
};

/** The organization's ARN (tags live on the organization resource). */
export async function organizationArn(ctx: CommandContext): Promise<string> {
  const api = await ctx.backend();
  const d = await api.describeOrganization({ OrganizationId: await ctx.org() });
  return d.ARN as string;
}
