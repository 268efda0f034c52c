import type { RestoreStep } from "../inventory/area.js";
import type { DomainData, OrganizationData } from "../inventory/document.js";
import { attempt, skipped, type RestoreSession } from "./session.js";
import type { TargetOrganization } from "./target-domains.js";
import { fanOut } from "../inventory/fan-out.js";

/**
 * Mail domains: RegisterMailDomain for each custom domain (after mapping) the target lacks. A new
 * domain starts PENDING: its DNS records must be published before it can carry addresses.
 */
export function restoreDomains(
  s: RestoreSession,
  domains: readonly DomainData[],
  target: TargetOrganization,
  sourceTest: string | undefined,
): Promise<RestoreStep[]> {
  return fanOut(domains, (d) => {
    const mapped = s.map.domain(d.name).toLowerCase();
    if (d.isTestDomain || d.name === sourceTest) {
      return Promise.resolve(
        skipped("domains", "RegisterMailDomain", d.name, `test domain of the source; its addresses go to ${mapped}`),
      );
    }
    if (mapped !== d.name && mapped === target.testDomain) {
      return Promise.resolve(
        skipped("domains", "RegisterMailDomain", d.name, `mapped to ${mapped}, the target's test domain`),
      );
    }
    const label = mapped === d.name ? d.name : `${d.name} -> ${mapped}`;
    return attempt("domains", "RegisterMailDomain", label, async () => {
      const have = target.domains.get(mapped);
      if (have !== undefined) return { result: "skipped", message: `already a domain of the target (${have.status})` };
      await s.api.registerMailDomain({ OrganizationId: s.orgId, DomainName: mapped });
      return {
        result: "created",
        message: `PENDING until its records are published: wmctl domain records ${mapped}, then wmctl domain verify ${mapped}`,
      };
    });
  });
}

/**
 * Organization settings: the default mail domain (UpdateDefaultMailDomain; verified, as the
 * pre-flight checked). Interoperability with Exchange is chosen when an organization is created
 * and cannot be changed later: a difference is reported, not fixed.
 */
export async function restoreOrganization(
  s: RestoreSession,
  org: OrganizationData,
  target: TargetOrganization,
): Promise<RestoreStep[]> {
  const steps: RestoreStep[] = [];
  if (org.defaultMailDomain !== undefined) {
    const want = s.map.domain(org.defaultMailDomain).toLowerCase();
    steps.push(
      await attempt("organization", "UpdateDefaultMailDomain", want, async () => {
        if (target.defaultMailDomain === want) return { result: "skipped", message: "already the default domain" };
        await s.api.updateDefaultMailDomain({ OrganizationId: s.orgId, DomainName: want });
        return { result: "updated", message: `default domain (was ${target.defaultMailDomain ?? "none"})` };
      }),
    );
  }
  const interop = org.interoperabilityEnabled;
  steps.push(
    interop === target.interoperabilityEnabled
      ? skipped("organization", "InteroperabilityEnabled", String(interop), "same as the source")
      : skipped(
          "organization",
          "InteroperabilityEnabled",
          String(interop),
          `the source has interoperability ${interop ? "on" : "off"} and the target ${interop ? "off" : "on"}; it is chosen when an organization is created (wmctl org create --interoperability)`,
        ),
  );
  return steps;
}
