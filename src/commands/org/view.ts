import type { DescribeOrganizationResponse, OrganizationSummary } from "@aws-sdk/client-workmail";
import type { OutputSpec } from "../../output/format.js";

export interface OrganizationView {
  id: string | undefined;
  alias: string | undefined;
  state: string | undefined;
  defaultMailDomain: string | undefined;
  directoryId?: string | undefined;
  directoryType?: string | undefined;
  completedDate?: Date | undefined;
  arn?: string | undefined;
  interoperabilityEnabled?: boolean | undefined;
  migrationAdmin?: string | undefined;
  errorMessage?: string | undefined;
}

const ORG_FIELDS = [
  "id",
  "alias",
  "state",
  "defaultMailDomain",
  "directoryId",
  "directoryType",
  "completedDate",
  "arn",
  "interoperabilityEnabled",
  "migrationAdmin",
  "errorMessage",
] as const;

/** The fields `org list` gets only from DescribeOrganization. */
export const ORG_DETAIL_FIELDS: readonly string[] = [
  "directoryId",
  "directoryType",
  "completedDate",
  "arn",
  "interoperabilityEnabled",
  "migrationAdmin",
];

export const orgListOutput: OutputSpec = {
  fields: ORG_FIELDS,
  columns: ["id", "alias", "state", "defaultMailDomain"],
  list: true,
  empty: "no organizations",
};
export const orgRecordOutput: OutputSpec = {
  fields: ORG_FIELDS,
  columns: [
    "id",
    "alias",
    "state",
    "defaultMailDomain",
    "directoryId",
    "directoryType",
    "completedDate",
    "arn",
    "interoperabilityEnabled",
  ],
};

export function orgSummaryView(o: OrganizationSummary): OrganizationView {
  return {
    id: o.OrganizationId,
    alias: o.Alias,
    state: o.State,
    defaultMailDomain: o.DefaultMailDomain,
    errorMessage: o.ErrorMessage,
  };
}

export function orgView(o: DescribeOrganizationResponse): OrganizationView {
  return {
    id: o.OrganizationId,
    alias: o.Alias,
    state: o.State,
    defaultMailDomain: o.DefaultMailDomain,
    directoryId: o.DirectoryId,
    directoryType: o.DirectoryType,
    completedDate: o.CompletedDate,
    arn: o.ARN,
    interoperabilityEnabled: o.InteroperabilityEnabled,
    migrationAdmin: o.MigrationAdmin,
    errorMessage: o.ErrorMessage,
  };
}
