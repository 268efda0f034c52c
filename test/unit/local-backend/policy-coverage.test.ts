import { describe, expect, it } from "vitest";
import type { WorkMailOperation } from "../../../src/backend/workmail-api.js";
import { LocalBackend } from "../../../src/local-backend/index.js";

/** The operations of the policy and settings areas (issue #6). */
const POLICY_OPERATIONS: readonly WorkMailOperation[] = [
  "PutAccessControlRule",
  "ListAccessControlRules",
  "DeleteAccessControlRule",
  "GetAccessControlEffect",
  "CreateMobileDeviceAccessRule",
  "UpdateMobileDeviceAccessRule",
  "DeleteMobileDeviceAccessRule",
  "ListMobileDeviceAccessRules",
  "GetMobileDeviceAccessEffect",
  "PutMobileDeviceAccessOverride",
  "GetMobileDeviceAccessOverride",
  "DeleteMobileDeviceAccessOverride",
  "ListMobileDeviceAccessOverrides",
  "CreateImpersonationRole",
  "UpdateImpersonationRole",
  "DeleteImpersonationRole",
  "GetImpersonationRole",
  "ListImpersonationRoles",
  "GetImpersonationRoleEffect",
  "AssumeImpersonationRole",
  "PutRetentionPolicy",
  "GetDefaultRetentionPolicy",
  "DeleteRetentionPolicy",
  "PutInboundDmarcSettings",
  "DescribeInboundDmarcSettings",
  "PutEmailMonitoringConfiguration",
  "DescribeEmailMonitoringConfiguration",
  "DeleteEmailMonitoringConfiguration",
  "CreateAvailabilityConfiguration",
  "UpdateAvailabilityConfiguration",
  "DeleteAvailabilityConfiguration",
  "ListAvailabilityConfigurations",
  "TestAvailabilityConfiguration",
  "CreateIdentityCenterApplication",
  "DeleteIdentityCenterApplication",
  "PutIdentityProviderConfiguration",
  "DescribeIdentityProviderConfiguration",
  "DeleteIdentityProviderConfiguration",
  "ListPersonalAccessTokens",
  "GetPersonalAccessTokenMetadata",
  "DeletePersonalAccessToken",
  "TagResource",
  "UntagResource",
  "ListTagsForResource",
];

describe("the simulator's policy and settings areas", () => {
  it.each(POLICY_OPERATIONS)("implements %s", (op) => {
    expect(LocalBackend.implements(op)).toBe(true);
  });
});
