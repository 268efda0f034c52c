import type { InventoryArea, RestoreStep } from "../area.js";
import { attempt, skipped } from "./policy-steps.js";

export interface InventoryOrgSettings {
  dmarcEnforced: boolean;
  /** Email event logging, or null when it is off. */
  monitoring: { logGroupArn: string; roleArn?: string | undefined } | null;
}

const AREA = "org-settings";

/** Inbound DMARC enforcement and the email monitoring (event logging) configuration. */
export const orgSettingsArea: InventoryArea<InventoryOrgSettings> = {
  name: AREA,

  async collect(api, orgId) {
    const dmarc = await api.describeInboundDmarcSettings({ OrganizationId: orgId });
    let monitoring: InventoryOrgSettings["monitoring"] = null;
    try {
      const m = await api.describeEmailMonitoringConfiguration({ OrganizationId: orgId });
      monitoring = { logGroupArn: m.LogGroupArn as string, ...(m.RoleArn === undefined ? {} : { roleArn: m.RoleArn }) };
    } catch (e) {
      if ((e as Error).name !== "ResourceNotFoundException") throw e;
    }
    return { dmarcEnforced: dmarc.Enforced === true, monitoring };
  },

  async restore(api, orgId, data) {
    const now = await orgSettingsArea.collect(api, orgId, { nameOf: () => undefined, emailOf: () => undefined });
    const steps: RestoreStep[] = [
      now.dmarcEnforced === data.dmarcEnforced
        ? skipped(AREA, "PutInboundDmarcSettings", `enforced=${data.dmarcEnforced}`)
        : await attempt(AREA, "PutInboundDmarcSettings", `enforced=${data.dmarcEnforced}`, "updated", () =>
            api.putInboundDmarcSettings({ OrganizationId: orgId, Enforced: data.dmarcEnforced }),
          ),
    ];
    if (data.monitoring === null) {
      steps.push({
        area: AREA,
        action: "PutEmailMonitoringConfiguration",
        target: "(off)",
        result: "skipped",
        message: "email event logging is off in the inventory",
      });
    } else {
      const m = data.monitoring;
      if (now.monitoring?.logGroupArn === m.logGroupArn && now.monitoring.roleArn === m.roleArn) {
        steps.push(skipped(AREA, "PutEmailMonitoringConfiguration", m.logGroupArn));
        return steps;
      }
      steps.push(
        await attempt(AREA, "PutEmailMonitoringConfiguration", m.logGroupArn, "updated", () =>
          api.putEmailMonitoringConfiguration({
            OrganizationId: orgId,
            LogGroupArn: m.logGroupArn,
            ...(m.roleArn === undefined ? {} : { RoleArn: m.roleArn }),
          }),
        ),
      );
    }
    return steps;
  },

  tables(data) {
    return {
      "org-settings": [
        {
          dmarcEnforced: data.dmarcEnforced,
          monitoringLogGroupArn: data.monitoring?.logGroupArn ?? "",
          monitoringRoleArn: data.monitoring?.roleArn ?? "",
        },
      ],
    };
  },
};
