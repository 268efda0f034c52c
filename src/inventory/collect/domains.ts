import { collect, paginate } from "../../backend/paginate.js";
import type { DomainData } from "../document.js";
import { byName, text, type CollectContext } from "./collect-context.js";
import { fanOut } from "../fan-out.js";

/** ListMailDomains, then GetMailDomain for each: default, test domain, statuses and the DNS records to publish. */
export async function collectDomains(ctx: CollectContext): Promise<DomainData[]> {
  const { api, orgId } = ctx;
  const summaries = await collect(
    paginate((t) => api.listMailDomains({ OrganizationId: orgId, NextToken: t }), "MailDomains"),
  );
  const domains = await fanOut(
    summaries.filter((s) => s.DomainName !== undefined),
    async (s): Promise<DomainData> => {
      const name = (s.DomainName as string).toLowerCase();
      const d = await api.getMailDomain({ OrganizationId: orgId, DomainName: name });
      return {
        name,
        isDefault: d.IsDefault ?? s.DefaultDomain === true,
        isTestDomain: d.IsTestDomain === true,
        ownershipVerificationStatus: text(d.OwnershipVerificationStatus),
        dkimVerificationStatus: text(d.DkimVerificationStatus),
        records: (d.Records ?? []).map((r) => ({
          type: r.Type ?? "",
          hostname: r.Hostname ?? "",
          value: r.Value ?? "",
        })),
      };
    },
  );
  return domains.sort(byName);
}
