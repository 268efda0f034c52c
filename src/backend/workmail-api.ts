// The port: one method per Amazon WorkMail operation (92), named exactly like the SDK's aggregated
// `WorkMail` client and typed with @aws-sdk/client-workmail's own request/response shapes.
// Type-only imports: loading this module never loads the SDK.
// The operation list is checked against the service model by test/unit/backend/workmail-api.test.ts.
import type {
  AssociateDelegateToResourceRequest,
  AssociateDelegateToResourceResponse,
  AssociateMemberToGroupRequest,
  AssociateMemberToGroupResponse,
  AssumeImpersonationRoleRequest,
  AssumeImpersonationRoleResponse,
  CancelMailboxExportJobRequest,
  CancelMailboxExportJobResponse,
  CreateAliasRequest,
  CreateAliasResponse,
  CreateAvailabilityConfigurationRequest,
  CreateAvailabilityConfigurationResponse,
  CreateGroupRequest,
  CreateGroupResponse,
  CreateIdentityCenterApplicationRequest,
  CreateIdentityCenterApplicationResponse,
  CreateImpersonationRoleRequest,
  CreateImpersonationRoleResponse,
  CreateMobileDeviceAccessRuleRequest,
  CreateMobileDeviceAccessRuleResponse,
  CreateOrganizationRequest,
  CreateOrganizationResponse,
  CreateResourceRequest,
  CreateResourceResponse,
  CreateUserRequest,
  CreateUserResponse,
  DeleteAccessControlRuleRequest,
  DeleteAccessControlRuleResponse,
  DeleteAliasRequest,
  DeleteAliasResponse,
  DeleteAvailabilityConfigurationRequest,
  DeleteAvailabilityConfigurationResponse,
  DeleteEmailMonitoringConfigurationRequest,
  DeleteEmailMonitoringConfigurationResponse,
  DeleteGroupRequest,
  DeleteGroupResponse,
  DeleteIdentityCenterApplicationRequest,
  DeleteIdentityCenterApplicationResponse,
  DeleteIdentityProviderConfigurationRequest,
  DeleteIdentityProviderConfigurationResponse,
  DeleteImpersonationRoleRequest,
  DeleteImpersonationRoleResponse,
  DeleteMailboxPermissionsRequest,
  DeleteMailboxPermissionsResponse,
  DeleteMobileDeviceAccessOverrideRequest,
  DeleteMobileDeviceAccessOverrideResponse,
  DeleteMobileDeviceAccessRuleRequest,
  DeleteMobileDeviceAccessRuleResponse,
  DeleteOrganizationRequest,
  DeleteOrganizationResponse,
  DeletePersonalAccessTokenRequest,
  DeletePersonalAccessTokenResponse,
  DeleteResourceRequest,
  DeleteResourceResponse,
  DeleteRetentionPolicyRequest,
  DeleteRetentionPolicyResponse,
  DeleteUserRequest,
  DeleteUserResponse,
  DeregisterFromWorkMailRequest,
  DeregisterFromWorkMailResponse,
  DeregisterMailDomainRequest,
  DeregisterMailDomainResponse,
  DescribeEmailMonitoringConfigurationRequest,
  DescribeEmailMonitoringConfigurationResponse,
  DescribeEntityRequest,
  DescribeEntityResponse,
  DescribeGroupRequest,
  DescribeGroupResponse,
  DescribeIdentityProviderConfigurationRequest,
  DescribeIdentityProviderConfigurationResponse,
  DescribeInboundDmarcSettingsRequest,
  DescribeInboundDmarcSettingsResponse,
  DescribeMailboxExportJobRequest,
  DescribeMailboxExportJobResponse,
  DescribeOrganizationRequest,
  DescribeOrganizationResponse,
  DescribeResourceRequest,
  DescribeResourceResponse,
  DescribeUserRequest,
  DescribeUserResponse,
  DisassociateDelegateFromResourceRequest,
  DisassociateDelegateFromResourceResponse,
  DisassociateMemberFromGroupRequest,
  DisassociateMemberFromGroupResponse,
  GetAccessControlEffectRequest,
  GetAccessControlEffectResponse,
  GetDefaultRetentionPolicyRequest,
  GetDefaultRetentionPolicyResponse,
  GetImpersonationRoleRequest,
  GetImpersonationRoleResponse,
  GetImpersonationRoleEffectRequest,
  GetImpersonationRoleEffectResponse,
  GetMailDomainRequest,
  GetMailDomainResponse,
  GetMailboxDetailsRequest,
  GetMailboxDetailsResponse,
  GetMobileDeviceAccessEffectRequest,
  GetMobileDeviceAccessEffectResponse,
  GetMobileDeviceAccessOverrideRequest,
  GetMobileDeviceAccessOverrideResponse,
  GetPersonalAccessTokenMetadataRequest,
  GetPersonalAccessTokenMetadataResponse,
  ListAccessControlRulesRequest,
  ListAccessControlRulesResponse,
  ListAliasesRequest,
  ListAliasesResponse,
  ListAvailabilityConfigurationsRequest,
  ListAvailabilityConfigurationsResponse,
  ListGroupMembersRequest,
  ListGroupMembersResponse,
  ListGroupsRequest,
  ListGroupsResponse,
  ListGroupsForEntityRequest,
  ListGroupsForEntityResponse,
  ListImpersonationRolesRequest,
  ListImpersonationRolesResponse,
  ListMailDomainsRequest,
  ListMailDomainsResponse,
  ListMailboxExportJobsRequest,
  ListMailboxExportJobsResponse,
  ListMailboxPermissionsRequest,
  ListMailboxPermissionsResponse,
  ListMobileDeviceAccessOverridesRequest,
  ListMobileDeviceAccessOverridesResponse,
  ListMobileDeviceAccessRulesRequest,
  ListMobileDeviceAccessRulesResponse,
  ListOrganizationsRequest,
  ListOrganizationsResponse,
  ListPersonalAccessTokensRequest,
  ListPersonalAccessTokensResponse,
  ListResourceDelegatesRequest,
  ListResourceDelegatesResponse,
  ListResourcesRequest,
  ListResourcesResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListUsersRequest,
  ListUsersResponse,
  PutAccessControlRuleRequest,
  PutAccessControlRuleResponse,
  PutEmailMonitoringConfigurationRequest,
  PutEmailMonitoringConfigurationResponse,
  PutIdentityProviderConfigurationRequest,
  PutIdentityProviderConfigurationResponse,
  PutInboundDmarcSettingsRequest,
  PutInboundDmarcSettingsResponse,
  PutMailboxPermissionsRequest,
  PutMailboxPermissionsResponse,
  PutMobileDeviceAccessOverrideRequest,
  PutMobileDeviceAccessOverrideResponse,
  PutRetentionPolicyRequest,
  PutRetentionPolicyResponse,
  RegisterMailDomainRequest,
  RegisterMailDomainResponse,
  RegisterToWorkMailRequest,
  RegisterToWorkMailResponse,
  ResetPasswordRequest,
  ResetPasswordResponse,
  StartMailboxExportJobRequest,
  StartMailboxExportJobResponse,
  TagResourceRequest,
  TagResourceResponse,
  TestAvailabilityConfigurationRequest,
  TestAvailabilityConfigurationResponse,
  UntagResourceRequest,
  UntagResourceResponse,
  UpdateAvailabilityConfigurationRequest,
  UpdateAvailabilityConfigurationResponse,
  UpdateDefaultMailDomainRequest,
  UpdateDefaultMailDomainResponse,
  UpdateGroupRequest,
  UpdateGroupResponse,
  UpdateImpersonationRoleRequest,
  UpdateImpersonationRoleResponse,
  UpdateMailboxQuotaRequest,
  UpdateMailboxQuotaResponse,
  UpdateMobileDeviceAccessRuleRequest,
  UpdateMobileDeviceAccessRuleResponse,
  UpdatePrimaryEmailAddressRequest,
  UpdatePrimaryEmailAddressResponse,
  UpdateResourceRequest,
  UpdateResourceResponse,
  UpdateUserRequest,
  UpdateUserResponse,
} from "@aws-sdk/client-workmail";

export interface WorkMailApi {
  associateDelegateToResource(input: AssociateDelegateToResourceRequest): Promise<AssociateDelegateToResourceResponse>;
  associateMemberToGroup(input: AssociateMemberToGroupRequest): Promise<AssociateMemberToGroupResponse>;
  assumeImpersonationRole(input: AssumeImpersonationRoleRequest): Promise<AssumeImpersonationRoleResponse>;
  cancelMailboxExportJob(input: CancelMailboxExportJobRequest): Promise<CancelMailboxExportJobResponse>;
  createAlias(input: CreateAliasRequest): Promise<CreateAliasResponse>;
  createAvailabilityConfiguration(
    input: CreateAvailabilityConfigurationRequest,
  ): Promise<CreateAvailabilityConfigurationResponse>;
  createGroup(input: CreateGroupRequest): Promise<CreateGroupResponse>;
  createIdentityCenterApplication(
    input: CreateIdentityCenterApplicationRequest,
  ): Promise<CreateIdentityCenterApplicationResponse>;
  createImpersonationRole(input: CreateImpersonationRoleRequest): Promise<CreateImpersonationRoleResponse>;
  createMobileDeviceAccessRule(
    input: CreateMobileDeviceAccessRuleRequest,
  ): Promise<CreateMobileDeviceAccessRuleResponse>;
  createOrganization(input: CreateOrganizationRequest): Promise<CreateOrganizationResponse>;
  createResource(input: CreateResourceRequest): Promise<CreateResourceResponse>;
  createUser(input: CreateUserRequest): Promise<CreateUserResponse>;
  deleteAccessControlRule(input: DeleteAccessControlRuleRequest): Promise<DeleteAccessControlRuleResponse>;
  deleteAlias(input: DeleteAliasRequest): Promise<DeleteAliasResponse>;
  deleteAvailabilityConfiguration(
    input: DeleteAvailabilityConfigurationRequest,
  ): Promise<DeleteAvailabilityConfigurationResponse>;
  deleteEmailMonitoringConfiguration(
    input: DeleteEmailMonitoringConfigurationRequest,
  ): Promise<DeleteEmailMonitoringConfigurationResponse>;
  deleteGroup(input: DeleteGroupRequest): Promise<DeleteGroupResponse>;
  deleteIdentityCenterApplication(
    input: DeleteIdentityCenterApplicationRequest,
  ): Promise<DeleteIdentityCenterApplicationResponse>;
  deleteIdentityProviderConfiguration(
    input: DeleteIdentityProviderConfigurationRequest,
  ): Promise<DeleteIdentityProviderConfigurationResponse>;
  deleteImpersonationRole(input: DeleteImpersonationRoleRequest): Promise<DeleteImpersonationRoleResponse>;
  deleteMailboxPermissions(input: DeleteMailboxPermissionsRequest): Promise<DeleteMailboxPermissionsResponse>;
  deleteMobileDeviceAccessOverride(
    input: DeleteMobileDeviceAccessOverrideRequest,
  ): Promise<DeleteMobileDeviceAccessOverrideResponse>;
  deleteMobileDeviceAccessRule(
    input: DeleteMobileDeviceAccessRuleRequest,
  ): Promise<DeleteMobileDeviceAccessRuleResponse>;
  deleteOrganization(input: DeleteOrganizationRequest): Promise<DeleteOrganizationResponse>;
  deletePersonalAccessToken(input: DeletePersonalAccessTokenRequest): Promise<DeletePersonalAccessTokenResponse>;
  deleteResource(input: DeleteResourceRequest): Promise<DeleteResourceResponse>;
  deleteRetentionPolicy(input: DeleteRetentionPolicyRequest): Promise<DeleteRetentionPolicyResponse>;
  deleteUser(input: DeleteUserRequest): Promise<DeleteUserResponse>;
  deregisterFromWorkMail(input: DeregisterFromWorkMailRequest): Promise<DeregisterFromWorkMailResponse>;
  deregisterMailDomain(input: DeregisterMailDomainRequest): Promise<DeregisterMailDomainResponse>;
  describeEmailMonitoringConfiguration(
    input: DescribeEmailMonitoringConfigurationRequest,
  ): Promise<DescribeEmailMonitoringConfigurationResponse>;
  describeEntity(input: DescribeEntityRequest): Promise<DescribeEntityResponse>;
  describeGroup(input: DescribeGroupRequest): Promise<DescribeGroupResponse>;
  describeIdentityProviderConfiguration(
    input: DescribeIdentityProviderConfigurationRequest,
  ): Promise<DescribeIdentityProviderConfigurationResponse>;
  describeInboundDmarcSettings(
    input: DescribeInboundDmarcSettingsRequest,
  ): Promise<DescribeInboundDmarcSettingsResponse>;
  describeMailboxExportJob(input: DescribeMailboxExportJobRequest): Promise<DescribeMailboxExportJobResponse>;
  describeOrganization(input: DescribeOrganizationRequest): Promise<DescribeOrganizationResponse>;
  describeResource(input: DescribeResourceRequest): Promise<DescribeResourceResponse>;
  describeUser(input: DescribeUserRequest): Promise<DescribeUserResponse>;
  disassociateDelegateFromResource(
    input: DisassociateDelegateFromResourceRequest,
  ): Promise<DisassociateDelegateFromResourceResponse>;
  disassociateMemberFromGroup(input: DisassociateMemberFromGroupRequest): Promise<DisassociateMemberFromGroupResponse>;
  getAccessControlEffect(input: GetAccessControlEffectRequest): Promise<GetAccessControlEffectResponse>;
  getDefaultRetentionPolicy(input: GetDefaultRetentionPolicyRequest): Promise<GetDefaultRetentionPolicyResponse>;
  getImpersonationRole(input: GetImpersonationRoleRequest): Promise<GetImpersonationRoleResponse>;
  getImpersonationRoleEffect(input: GetImpersonationRoleEffectRequest): Promise<GetImpersonationRoleEffectResponse>;
  getMailDomain(input: GetMailDomainRequest): Promise<GetMailDomainResponse>;
  getMailboxDetails(input: GetMailboxDetailsRequest): Promise<GetMailboxDetailsResponse>;
  getMobileDeviceAccessEffect(input: GetMobileDeviceAccessEffectRequest): Promise<GetMobileDeviceAccessEffectResponse>;
  getMobileDeviceAccessOverride(
    input: GetMobileDeviceAccessOverrideRequest,
  ): Promise<GetMobileDeviceAccessOverrideResponse>;
  getPersonalAccessTokenMetadata(
    input: GetPersonalAccessTokenMetadataRequest,
  ): Promise<GetPersonalAccessTokenMetadataResponse>;
  listAccessControlRules(input: ListAccessControlRulesRequest): Promise<ListAccessControlRulesResponse>;
  listAliases(input: ListAliasesRequest): Promise<ListAliasesResponse>;
  listAvailabilityConfigurations(
    input: ListAvailabilityConfigurationsRequest,
  ): Promise<ListAvailabilityConfigurationsResponse>;
  listGroupMembers(input: ListGroupMembersRequest): Promise<ListGroupMembersResponse>;
  listGroups(input: ListGroupsRequest): Promise<ListGroupsResponse>;
  listGroupsForEntity(input: ListGroupsForEntityRequest): Promise<ListGroupsForEntityResponse>;
  listImpersonationRoles(input: ListImpersonationRolesRequest): Promise<ListImpersonationRolesResponse>;
  listMailDomains(input: ListMailDomainsRequest): Promise<ListMailDomainsResponse>;
  listMailboxExportJobs(input: ListMailboxExportJobsRequest): Promise<ListMailboxExportJobsResponse>;
  listMailboxPermissions(input: ListMailboxPermissionsRequest): Promise<ListMailboxPermissionsResponse>;
  listMobileDeviceAccessOverrides(
    input: ListMobileDeviceAccessOverridesRequest,
  ): Promise<ListMobileDeviceAccessOverridesResponse>;
  listMobileDeviceAccessRules(input: ListMobileDeviceAccessRulesRequest): Promise<ListMobileDeviceAccessRulesResponse>;
  listOrganizations(input: ListOrganizationsRequest): Promise<ListOrganizationsResponse>;
  listPersonalAccessTokens(input: ListPersonalAccessTokensRequest): Promise<ListPersonalAccessTokensResponse>;
  listResourceDelegates(input: ListResourceDelegatesRequest): Promise<ListResourceDelegatesResponse>;
  listResources(input: ListResourcesRequest): Promise<ListResourcesResponse>;
  listTagsForResource(input: ListTagsForResourceRequest): Promise<ListTagsForResourceResponse>;
  listUsers(input: ListUsersRequest): Promise<ListUsersResponse>;
  putAccessControlRule(input: PutAccessControlRuleRequest): Promise<PutAccessControlRuleResponse>;
  putEmailMonitoringConfiguration(
    input: PutEmailMonitoringConfigurationRequest,
  ): Promise<PutEmailMonitoringConfigurationResponse>;
  putIdentityProviderConfiguration(
    input: PutIdentityProviderConfigurationRequest,
  ): Promise<PutIdentityProviderConfigurationResponse>;
  putInboundDmarcSettings(input: PutInboundDmarcSettingsRequest): Promise<PutInboundDmarcSettingsResponse>;
  putMailboxPermissions(input: PutMailboxPermissionsRequest): Promise<PutMailboxPermissionsResponse>;
  putMobileDeviceAccessOverride(
    input: PutMobileDeviceAccessOverrideRequest,
  ): Promise<PutMobileDeviceAccessOverrideResponse>;
  putRetentionPolicy(input: PutRetentionPolicyRequest): Promise<PutRetentionPolicyResponse>;
  registerMailDomain(input: RegisterMailDomainRequest): Promise<RegisterMailDomainResponse>;
  registerToWorkMail(input: RegisterToWorkMailRequest): Promise<RegisterToWorkMailResponse>;
  resetPassword(input: ResetPasswordRequest): Promise<ResetPasswordResponse>;
  startMailboxExportJob(input: StartMailboxExportJobRequest): Promise<StartMailboxExportJobResponse>;
  tagResource(input: TagResourceRequest): Promise<TagResourceResponse>;
  testAvailabilityConfiguration(
    input: TestAvailabilityConfigurationRequest,
  ): Promise<TestAvailabilityConfigurationResponse>;
  untagResource(input: UntagResourceRequest): Promise<UntagResourceResponse>;
  updateAvailabilityConfiguration(
    input: UpdateAvailabilityConfigurationRequest,
  ): Promise<UpdateAvailabilityConfigurationResponse>;
  updateDefaultMailDomain(input: UpdateDefaultMailDomainRequest): Promise<UpdateDefaultMailDomainResponse>;
  updateGroup(input: UpdateGroupRequest): Promise<UpdateGroupResponse>;
  updateImpersonationRole(input: UpdateImpersonationRoleRequest): Promise<UpdateImpersonationRoleResponse>;
  updateMailboxQuota(input: UpdateMailboxQuotaRequest): Promise<UpdateMailboxQuotaResponse>;
  updateMobileDeviceAccessRule(
    input: UpdateMobileDeviceAccessRuleRequest,
  ): Promise<UpdateMobileDeviceAccessRuleResponse>;
  updatePrimaryEmailAddress(input: UpdatePrimaryEmailAddressRequest): Promise<UpdatePrimaryEmailAddressResponse>;
  updateResource(input: UpdateResourceRequest): Promise<UpdateResourceResponse>;
  updateUser(input: UpdateUserRequest): Promise<UpdateUserResponse>;
}

/** Every operation of the WorkMail API, in alphabetical order (the service model's names). */
export const WORKMAIL_OPERATIONS = [
  "AssociateDelegateToResource",
  "AssociateMemberToGroup",
  "AssumeImpersonationRole",
  "CancelMailboxExportJob",
  "CreateAlias",
  "CreateAvailabilityConfiguration",
  "CreateGroup",
  "CreateIdentityCenterApplication",
  "CreateImpersonationRole",
  "CreateMobileDeviceAccessRule",
  "CreateOrganization",
  "CreateResource",
  "CreateUser",
  "DeleteAccessControlRule",
  "DeleteAlias",
  "DeleteAvailabilityConfiguration",
  "DeleteEmailMonitoringConfiguration",
  "DeleteGroup",
  "DeleteIdentityCenterApplication",
  "DeleteIdentityProviderConfiguration",
  "DeleteImpersonationRole",
  "DeleteMailboxPermissions",
  "DeleteMobileDeviceAccessOverride",
  "DeleteMobileDeviceAccessRule",
  "DeleteOrganization",
  "DeletePersonalAccessToken",
  "DeleteResource",
  "DeleteRetentionPolicy",
  "DeleteUser",
  "DeregisterFromWorkMail",
  "DeregisterMailDomain",
  "DescribeEmailMonitoringConfiguration",
  "DescribeEntity",
  "DescribeGroup",
  "DescribeIdentityProviderConfiguration",
  "DescribeInboundDmarcSettings",
  "DescribeMailboxExportJob",
  "DescribeOrganization",
  "DescribeResource",
  "DescribeUser",
  "DisassociateDelegateFromResource",
  "DisassociateMemberFromGroup",
  "GetAccessControlEffect",
  "GetDefaultRetentionPolicy",
  "GetImpersonationRole",
  "GetImpersonationRoleEffect",
  "GetMailDomain",
  "GetMailboxDetails",
  "GetMobileDeviceAccessEffect",
  "GetMobileDeviceAccessOverride",
  "GetPersonalAccessTokenMetadata",
  "ListAccessControlRules",
  "ListAliases",
  "ListAvailabilityConfigurations",
  "ListGroupMembers",
  "ListGroups",
  "ListGroupsForEntity",
  "ListImpersonationRoles",
  "ListMailDomains",
  "ListMailboxExportJobs",
  "ListMailboxPermissions",
  "ListMobileDeviceAccessOverrides",
  "ListMobileDeviceAccessRules",
  "ListOrganizations",
  "ListPersonalAccessTokens",
  "ListResourceDelegates",
  "ListResources",
  "ListTagsForResource",
  "ListUsers",
  "PutAccessControlRule",
  "PutEmailMonitoringConfiguration",
  "PutIdentityProviderConfiguration",
  "PutInboundDmarcSettings",
  "PutMailboxPermissions",
  "PutMobileDeviceAccessOverride",
  "PutRetentionPolicy",
  "RegisterMailDomain",
  "RegisterToWorkMail",
  "ResetPassword",
  "StartMailboxExportJob",
  "TagResource",
  "TestAvailabilityConfiguration",
  "UntagResource",
  "UpdateAvailabilityConfiguration",
  "UpdateDefaultMailDomain",
  "UpdateGroup",
  "UpdateImpersonationRole",
  "UpdateMailboxQuota",
  "UpdateMobileDeviceAccessRule",
  "UpdatePrimaryEmailAddress",
  "UpdateResource",
  "UpdateUser",
] as const;

export type WorkMailOperation = (typeof WORKMAIL_OPERATIONS)[number];

/** `CreateUser` -> `createUser`: the port's method name for an operation. */
export function methodName<O extends WorkMailOperation>(op: O): Uncapitalize<O> {
  return (op.charAt(0).toLowerCase() + op.slice(1)) as Uncapitalize<O>;
}
