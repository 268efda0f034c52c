import { randomUUID } from "node:crypto";
import { paginate } from "../../backend/paginate.js";
import type { InventoryArea, RestoreStep } from "../area.js";
import { attempt, skipped } from "./policy-steps.js";

export interface InventoryAvailability {
  domain: string;
  provider: "EWS" | "LAMBDA";
  ewsEndpoint?: string | undefined;
  ewsUsername?: string | undefined;
  lambdaArn?: string | undefined;
}

const AREA = "availability";

/**
 * Availability providers per external domain. The EWS password is write-only in WorkMail, so EWS
 * providers cannot be re-created from an inventory: restore skips them with the command to run.
 */
export const availabilityArea: InventoryArea<InventoryAvailability[]> = {
  name: AREA,

  async collect(api, orgId) {
    const out: InventoryAvailability[] = [];
    for await (const c of paginate(
      (t) => api.listAvailabilityConfigurations({ OrganizationId: orgId, NextToken: t }),
      "AvailabilityConfigurations",
    )) {
      out.push(
        c.ProviderType === "LAMBDA"
          ? { domain: c.DomainName as string, provider: "LAMBDA", lambdaArn: c.LambdaProvider?.LambdaArn }
          : {
              domain: c.DomainName as string,
              provider: "EWS",
              ewsEndpoint: c.EwsProvider?.EwsEndpoint,
              ewsUsername: c.EwsProvider?.EwsUsername,
            },
      );
    }
    return out;
  },

  async restore(api, orgId, data) {
    const existing = new Map<string, string | undefined>();
    for await (const c of paginate(
      (t) => api.listAvailabilityConfigurations({ OrganizationId: orgId, NextToken: t }),
      "AvailabilityConfigurations",
    )) {
      existing.set(c.DomainName as string, c.ProviderType === "LAMBDA" ? c.LambdaProvider?.LambdaArn : undefined);
    }
    const steps: RestoreStep[] = [];
    for (const c of data) {
      if (c.provider === "EWS") {
        steps.push({
          area: AREA,
          action: "CreateAvailabilityConfiguration",
          target: c.domain,
          result: "skipped",
          message: `the EWS password is write-only; run: wmctl availability ${existing.has(c.domain) ? "update" : "create"} ${c.domain} --ews-url ${c.ewsEndpoint ?? "URL"} --ews-user ${c.ewsUsername ?? "USER"} --password-stdin`,
        });
        continue;
      }
      const update = existing.has(c.domain);
      if (update && existing.get(c.domain) === c.lambdaArn) {
        steps.push(skipped(AREA, "UpdateAvailabilityConfiguration", c.domain));
        continue;
      }
      const provider = { LambdaProvider: { LambdaArn: c.lambdaArn as string } };
      steps.push(
        await attempt(
          AREA,
          update ? "UpdateAvailabilityConfiguration" : "CreateAvailabilityConfiguration",
          c.domain,
          update ? "updated" : "created",
          () =>
            update
              ? api.updateAvailabilityConfiguration({ OrganizationId: orgId, DomainName: c.domain, ...provider })
              : api.createAvailabilityConfiguration({
                  OrganizationId: orgId,
                  DomainName: c.domain,
                  ClientToken: randomUUID(),
                  ...provider,
                }),
        ),
      );
    }
    return steps;
  },

  tables(data) {
    return {
      availability: data.map((c) => ({
        domain: c.domain,
        provider: c.provider,
        endpoint: c.ewsEndpoint ?? c.lambdaArn ?? "",
        ewsUsername: c.ewsUsername ?? "",
      })),
    };
  },
};
