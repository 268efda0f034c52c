import type { InventoryArea } from "../area.js";
import { attempt, skipped } from "./policy-steps.js";

export interface InventoryIdentityProvider {
  authenticationMode: "IDENTITY_PROVIDER_ONLY" | "IDENTITY_PROVIDER_AND_DIRECTORY";
  instanceArn: string;
  applicationArn: string;
  personalAccessTokens: "ACTIVE" | "INACTIVE";
  tokenLifetimeDays?: number | undefined;
}

const AREA = "identity-provider";

/**
 * Sign-in through IAM Identity Center (or null). The Identity Center application is account-wide and
 * is not re-created: restore expects it to exist in the target account. Personal access tokens
 * belong to users and are not part of an inventory.
 */
export const identityProviderArea: InventoryArea<InventoryIdentityProvider | null> = {
  name: AREA,

  async collect(api, orgId) {
    try {
      const c = await api.describeIdentityProviderConfiguration({ OrganizationId: orgId });
      return {
        authenticationMode: c.AuthenticationMode as InventoryIdentityProvider["authenticationMode"],
        instanceArn: c.IdentityCenterConfiguration?.InstanceArn as string,
        applicationArn: c.IdentityCenterConfiguration?.ApplicationArn as string,
        personalAccessTokens: (c.PersonalAccessTokenConfiguration?.Status ?? "INACTIVE") as "ACTIVE" | "INACTIVE",
        ...(c.PersonalAccessTokenConfiguration?.LifetimeInDays === undefined
          ? {}
          : { tokenLifetimeDays: c.PersonalAccessTokenConfiguration.LifetimeInDays }),
      };
    } catch (e) {
      if ((e as Error).name === "ResourceNotFoundException") return null;
      throw e;
    }
  },

  async restore(api, orgId, data) {
    if (data === null)
      return [
        {
          area: AREA,
          action: "PutIdentityProviderConfiguration",
          target: "(none)",
          result: "skipped",
          message: "users sign in with the WorkMail directory",
        },
      ];
    const have = await identityProviderArea.collect(api, orgId, { nameOf: () => undefined, emailOf: () => undefined });
    const fields = [
      "authenticationMode",
      "instanceArn",
      "applicationArn",
      "personalAccessTokens",
      "tokenLifetimeDays",
    ] as const;
    if (have !== null && fields.every((f) => have[f] === data[f]))
      return [skipped(AREA, "PutIdentityProviderConfiguration", data.applicationArn)];
    return [
      await attempt(AREA, "PutIdentityProviderConfiguration", data.applicationArn, "updated", () =>
        api.putIdentityProviderConfiguration({
          OrganizationId: orgId,
          AuthenticationMode: data.authenticationMode,
          IdentityCenterConfiguration: { InstanceArn: data.instanceArn, ApplicationArn: data.applicationArn },
          PersonalAccessTokenConfiguration: {
            Status: data.personalAccessTokens,
            ...(data.tokenLifetimeDays === undefined ? {} : { LifetimeInDays: data.tokenLifetimeDays }),
          },
        }),
      ),
    ];
  },

  tables(data) {
    return { "identity-provider": data === null ? [] : [{ ...data, tokenLifetimeDays: data.tokenLifetimeDays ?? "" }] };
  },
};
