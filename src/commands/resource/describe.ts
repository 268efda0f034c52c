import { defineCommand } from "../../cli/define-command.js";
import { delegateNamesOf } from "./delegates.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { resourceRecordOutput, resourceView, type ResourceView } from "./view.js";

export const resourceDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a resource's details, booking options and delegates",
  examples: [
    "wmctl resource describe room-101",
    "wmctl resource describe room-101@example.com -o json",
    "wmctl resource describe projector --fields autoAcceptRequests",
  ],
  args: [{ name: "resource", describe: "name, email or id" }],
  output: resourceRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const r = await ctx.resolve.resource(opts.resource);
    ctx.out.record(await describedResourceView(api, org, r.id));
  },
});

/** A resource's full view: DescribeResource and (unless it is deleted) its delegates' names. */
export async function describedResourceView(
  api: WorkMailApi,
  org: string,
  resourceId: string,
  options: { delegates?: boolean } = {},
): Promise<ResourceView> {
  const d = await api.describeResource({ OrganizationId: org, ResourceId: resourceId });
  if (options.delegates === false) return resourceView(d);
  return resourceView(d, d.State === "DELETED" ? [] : await delegateNamesOf(api, org, resourceId));
}
