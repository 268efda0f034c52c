import { fail } from "../errors.js";
import type { Sim } from "../sim.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";

/** "New Amazon WorkMail organizations have DMARC enforcement turned on by default." */
export const DMARC_ENFORCED_BY_DEFAULT = true;

export function dmarcEnforced(sim: Sim, orgId: string): boolean {
  const row = sim.db
    .prepare<[string], { enforced: number }>("SELECT enforced FROM inbound_dmarc WHERE org_id = ?")
    .get(orgId);
  return row === undefined ? DMARC_ENFORCED_BY_DEFAULT : row.enforced === 1;
}

/** The service-linked role used when PutEmailMonitoringConfiguration gets no RoleArn. */
export function eventsServiceLinkedRoleArn(sim: Sim): string {
  return `arn:aws:iam::${sim.accountId}:role/aws-service-role/events.workmail.amazonaws.com/AWSServiceRoleForAmazonWorkMailEvents`;
}

export const orgSettingsHandlers: Handlers = {
  PutInboundDmarcSettings(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db
      .prepare(
        "INSERT INTO inbound_dmarc (org_id, enforced, modified_at) VALUES (?, ?, ?) ON CONFLICT(org_id) DO UPDATE SET enforced = excluded.enforced, modified_at = excluded.modified_at",
      )
      .run(org.id, input.Enforced ? 1 : 0, sim.now.getTime());
    return {};
  },

  DescribeInboundDmarcSettings(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    return { Enforced: dmarcEnforced(sim, org.id) };
  },

  PutEmailMonitoringConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    // arn:aws:logs:<region>:<account>:log-group:<name>:*
    const region = input.LogGroupArn.split(":")[3];
    if (region !== sim.region) {
      throw fail.invalidParameter(
        `The log group must be in the organization's Region (${sim.region}), not ${region === "" ? "an empty Region" : region}.`,
      );
    }
    sim.db
      .prepare(
        `INSERT INTO email_monitoring (org_id, log_group_arn, role_arn, modified_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(org_id) DO UPDATE SET log_group_arn = excluded.log_group_arn, role_arn = excluded.role_arn, modified_at = excluded.modified_at`,
      )
      .run(org.id, input.LogGroupArn, input.RoleArn ?? null, sim.now.getTime());
    return {};
  },

  DescribeEmailMonitoringConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = sim.db
      .prepare<[string], { log_group_arn: string; role_arn: string | null }>(
        "SELECT log_group_arn, role_arn FROM email_monitoring WHERE org_id = ?",
      )
      .get(org.id);
    if (row === undefined)
      throw fail.resourceNotFound(`Email monitoring is not configured for organization ${org.id}.`);
    return { LogGroupArn: row.log_group_arn, RoleArn: row.role_arn ?? eventsServiceLinkedRoleArn(sim) };
  },

  DeleteEmailMonitoringConfiguration(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db.prepare("DELETE FROM email_monitoring WHERE org_id = ?").run(org.id);
    return {};
  },
};
