import type { DescribeIdentityProviderConfigurationResponse } from "@aws-sdk/client-workmail";
import type { OutputSpec } from "../../output/format.js";

export interface IdpView {
  configured: boolean;
  authenticationMode: string | undefined;
  instanceArn: string | undefined;
  applicationArn: string | undefined;
  personalAccessTokens: string | undefined;
  tokenLifetimeDays: number | undefined;
}

export const idpOutput: OutputSpec = {
  fields: [
    "configured",
    "authenticationMode",
    "instanceArn",
    "applicationArn",
    "personalAccessTokens",
    "tokenLifetimeDays",
  ],
  columns: [
    "configured",
    "authenticationMode",
    "instanceArn",
    "applicationArn",
    "personalAccessTokens",
    "tokenLifetimeDays",
  ],
};

export function idpView(r: DescribeIdentityProviderConfigurationResponse | undefined): IdpView {
  return {
    configured: r !== undefined,
    authenticationMode: r?.AuthenticationMode,
    instanceArn: r?.IdentityCenterConfiguration?.InstanceArn,
    applicationArn: r?.IdentityCenterConfiguration?.ApplicationArn,
    personalAccessTokens: r?.PersonalAccessTokenConfiguration?.Status,
    tokenLifetimeDays: r?.PersonalAccessTokenConfiguration?.LifetimeInDays,
  };
}
