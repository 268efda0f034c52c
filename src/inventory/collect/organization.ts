import type { OrganizationData } from "../document.js";
import { iso, text, type CollectContext } from "./collect-context.js";

/** DescribeOrganization: the settings an organization is created with (alias, default domain, interoperability). */
export async function collectOrganization(ctx: CollectContext): Promise<OrganizationData> {
  const o = await ctx.api.describeOrganization({ OrganizationId: ctx.orgId });
  return {
    id: o.OrganizationId ?? ctx.orgId,
    alias: text(o.Alias),
    state: text(o.State),
    defaultMailDomain: text(o.DefaultMailDomain)?.toLowerCase(),
    interoperabilityEnabled: o.InteroperabilityEnabled === true,
    directoryId: text(o.DirectoryId),
    directoryType: text(o.DirectoryType),
    arn: text(o.ARN),
    migrationAdmin: text(o.MigrationAdmin),
    completedDate: iso(o.CompletedDate),
  };
}
