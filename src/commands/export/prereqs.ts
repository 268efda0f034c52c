import { defineCommand } from "../../cli/define-command.js";
import { ChecksFailedError } from "../../errors/cli-error.js";
import { DEFAULT_EXPORT_PREFIX, resolveDestination } from "../../export-jobs/destination.js";
import { DEFAULT_EXPORT_ROLE_NAME } from "../../export-jobs/policies.js";
import { checkExportPrereqs } from "../../export-jobs/prereqs.js";

export const exportPrereqsCommand = defineCommand({
  name: "prereqs",
  summary: "Check (or --create) the S3 bucket, KMS key and IAM role that export jobs need",
  description:
    "The guide's prerequisites: an S3 bucket without public access, a symmetric KMS key, both in the\n" +
    "organization's region, and an IAM role trusted by export.workmail.amazonaws.com that may write to the\n" +
    "bucket and encrypt with the key. --create provisions what is missing (bucket with Block Public Access,\n" +
    "key, role with the guide's trust and inline policies); --save stores them in the profile for\n" +
    "`export start` and `export all`. Exit 3 when something is missing or wrong. The local backend needs none.",
  examples: [
    "wmctl --backend aws export prereqs",
    "wmctl --backend aws export prereqs --create --save --bucket acme-workmail-exports",
  ],
  options: {
    bucket: {
      kind: "string",
      placeholder: "name",
      describe: "The bucket (default: the profile's exportBucket, else workmail-exports-ACCOUNT-REGION)",
    },
    prefix: {
      kind: "string",
      placeholder: "prefix",
      describe: "Key prefix the role may write under (default: the profile's, else mailbox-exports)",
    },
    kmsKeyArn: {
      kind: "string",
      placeholder: "arn",
      describe: "An existing key (default: the profile's; --create makes one when none)",
    },
    roleName: {
      kind: "string",
      placeholder: "name",
      describe: `The role (default: the profile's exportRoleArn, else ${DEFAULT_EXPORT_ROLE_NAME})`,
    },
    create: { kind: "boolean", describe: "Create or repair what is missing" },
    save: { kind: "boolean", describe: "Store the role, key, bucket and prefix in the profile when all is ready" },
    pinOrganization: {
      kind: "boolean",
      describe: "Trust the role for this organization only (aws:SourceArn), not every organization of the account",
    },
  },
  output: { fields: ["check", "status", "detail", "fix"], columns: ["check", "status", "detail", "fix"], list: true },
  async run(ctx, opts) {
    const served = ctx.settings.endpointUrl !== undefined && (await ctx.findSimulator()).control !== undefined;
    const port = served ? undefined : await ctx.exportPrereqs();
    if (port === undefined) {
      const dest = resolveDestination(opts, ctx.settings, true);
      const storage = await ctx.exportStorage();
      ctx.out.info(
        `The ${served ? "served simulator" : "local backend"} needs no AWS resources for mailbox exports: nothing to provision.`,
      );
      ctx.out.row({
        check: "bucket",
        status: "ok",
        detail: `export jobs write to ${storage.location(dest.bucket, dest.prefix)}/ (buckets are folders, created on first use)`,
      });
      ctx.out.row({
        check: "kms-key",
        status: "ok",
        detail: "not used by the simulator (any key ARN in the organization's region is accepted)",
      });
      ctx.out.row({ check: "role", status: "ok", detail: "not used by the simulator (any IAM role ARN is accepted)" });
      return;
    }
    const api = await ctx.backend();
    const org = await ctx.org();
    const d = await api.describeOrganization({ OrganizationId: org });
    const arn = d.ARN ?? "";
    const [, , , region = ctx.settings.region ?? "", accountId = ""] = arn.split(":");
    const profile = ctx.settings.profile;
    const bucket = opts.bucket ?? profile.exportBucket ?? `workmail-exports-${accountId}-${region}`;
    const prefix = opts.prefix ?? profile.exportPrefix ?? DEFAULT_EXPORT_PREFIX;
    const roleName =
      opts.roleName ?? profile.exportRoleArn?.split(":role/")[1]?.split("/").pop() ?? DEFAULT_EXPORT_ROLE_NAME;
    const report = await checkExportPrereqs(
      port,
      {
        region,
        accountId,
        organizationArn: arn,
        bucket,
        prefix,
        keyArn: opts.kmsKeyArn ?? profile.exportKmsKeyArn,
        roleName,
        pinOrganization: opts.pinOrganization,
      },
      opts.create,
    );
    for (const c of report.checks) ctx.out.row(c);
    if (!report.ready)
      throw new ChecksFailedError(
        "the export prerequisites are not ready",
        opts.create ? undefined : "run again with --create to provision what is missing",
      );
    if (opts.save && report.roleArn !== undefined && report.keyArn !== undefined) {
      const roleArn = report.roleArn;
      const keyArn = report.keyArn;
      await ctx.config.setProfile(ctx.settings.profileName, {
        exportRoleArn: roleArn,
        exportKmsKeyArn: keyArn,
        exportBucket: bucket,
        exportPrefix: prefix,
      });
      ctx.out.status(`Saved the export role, key, bucket and prefix in profile ${ctx.settings.profileName}`);
    }
  },
});
