import type { Delegate } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { delegateListOutput, type DelegateView } from "./view.js";

export const resourceDelegatesCommand = defineCommand({
  name: "delegates",
  summary: "List the users and groups who answer a resource's booking requests",
  examples: ["wmctl resource delegates room-101", "wmctl resource delegates room-101@example.com -o json"],
  args: [{ name: "resource", describe: "name, email or id" }],
  output: delegateListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const r = await ctx.resolve.resource(opts.resource);
    for await (const d of delegatesOf(api, org, r.id)) ctx.out.row(d);
  },
});

/** The names of a resource's delegates (describe, and the result of create and update). */
export async function delegateNamesOf(api: WorkMailApi, org: string, resourceId: string): Promise<string[]> {
  const names: string[] = [];
  for await (const d of delegatesOf(api, org, resourceId)) names.push(d.name ?? d.id ?? "?");
  return names;
}

/** A resource's delegates, with each one's name, address and state looked up. */
async function* delegatesOf(api: WorkMailApi, org: string, resourceId: string): AsyncGenerator<DelegateView> {
  const all = paginate(
    (t) => api.listResourceDelegates({ OrganizationId: org, ResourceId: resourceId, ...(t ? { NextToken: t } : {}) }),
    "Delegates",
  );
  for await (const d of all) yield await delegateView(api, org, d);
}

async function delegateView(api: WorkMailApi, org: string, d: Delegate): Promise<DelegateView> {
  const base = { id: d.Id, type: d.Type, name: undefined, email: undefined, state: undefined };
  if (d.Id === undefined) return base;
  if (d.Type === "GROUP") {
    const g = await api.describeGroup({ OrganizationId: org, GroupId: d.Id });
    return { ...base, name: g.Name, email: g.Email, state: g.State };
  }
  const u = await api.describeUser({ OrganizationId: org, UserId: d.Id });
  return { ...base, name: u.Name, email: u.Email, state: u.State };
}
