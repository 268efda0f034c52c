import type { ExportPrereqsPort, KeyFacts, RoleFacts } from "../backend/export-prereqs.js";
import {
  EXPORT_ROLE_POLICY_NAME,
  exportRolePolicy,
  exportTrustPolicy,
  missingExportPermissions,
  trustsExportService,
} from "./policies.js";

export interface PrereqSpec {
  /** The organization's region (the key and the bucket must be there too). */
  readonly region: string;
  readonly accountId: string;
  readonly organizationArn: string;
  readonly bucket: string;
  readonly prefix: string;
  /** An existing key; without one, --create makes a new symmetric key. */
  readonly keyArn: string | undefined;
  readonly roleName: string;
  /** Trust only this organization (aws:SourceArn), not every organization of the account. */
  readonly pinOrganization: boolean;
}

type PrereqStatus = "ok" | "missing" | "wrong" | "created" | "fixed";

interface PrereqCheck {
  readonly check: string;
  readonly status: PrereqStatus;
  readonly detail: string;
  readonly fix?: string;
}

export interface PrereqReport {
  readonly checks: PrereqCheck[];
  readonly roleArn: string | undefined;
  readonly keyArn: string | undefined;
  /** Every check is ok, created or fixed. */
  readonly ready: boolean;
}

const CREATE = "run `wmctl export prereqs --create`";

/**
 * Checks (and with `create`, provisions) what a mailbox export needs, as the guide lists it: the
 * bucket, in the organization's region, blocking public access; a symmetric, enabled KMS key in that
 * region; the role trusted by export.workmail.amazonaws.com with the guide's policy. Never changes
 * what it cannot repair safely (a bucket or key in another region is reported, not moved).
 */
export async function checkExportPrereqs(
  port: ExportPrereqsPort,
  spec: PrereqSpec,
  create: boolean,
): Promise<PrereqReport> {
  const checks: PrereqCheck[] = [];
  const add = (c: PrereqCheck) => checks.push(c);

  // The bucket.
  let bucket = await port.getBucket(spec.bucket);
  if (bucket === undefined) {
    if (create) {
      await port.createBucket(spec.bucket, spec.region);
      await port.blockPublicAccess(spec.bucket);
      bucket = { region: spec.region, publicAccessBlocked: true, policyIsPublic: false };
      add({
        check: "bucket",
        status: "created",
        detail: `created s3://${spec.bucket} in ${spec.region}, blocking public access`,
      });
    } else {
      add({ check: "bucket", status: "missing", detail: `no bucket ${spec.bucket}`, fix: CREATE });
    }
  } else {
    add({ check: "bucket", status: "ok", detail: `s3://${spec.bucket} exists` });
  }
  if (bucket !== undefined) {
    if (bucket.region !== spec.region) {
      add({
        check: "bucket-region",
        status: "wrong",
        detail: `the bucket is in ${bucket.region}, the organization in ${spec.region}`,
        fix: `use a bucket in ${spec.region} (--bucket)`,
      });
    } else {
      add({ check: "bucket-region", status: "ok", detail: spec.region });
    }
    if (bucket.publicAccessBlocked && !bucket.policyIsPublic) {
      add({ check: "bucket-public-access", status: "ok", detail: "Block Public Access is on" });
    } else if (create && bucket.region === spec.region) {
      await port.blockPublicAccess(spec.bucket);
      add({
        check: "bucket-public-access",
        status: bucket.policyIsPublic ? "wrong" : "fixed",
        detail: "turned on all four Block Public Access settings",
        ...(bucket.policyIsPublic ? { fix: "remove the public statements of the bucket policy" } : {}),
      });
    } else {
      add({
        check: "bucket-public-access",
        status: "wrong",
        detail: bucket.policyIsPublic
          ? "the bucket policy makes the bucket public"
          : "Block Public Access is not fully on",
        fix: CREATE,
      });
    }
  }

  // The key.
  let key: KeyFacts | undefined = spec.keyArn === undefined ? undefined : await port.getKey(spec.keyArn);
  if (key === undefined) {
    if (create && spec.keyArn === undefined) {
      key = await port.createKey(spec.region, "WorkMail mailbox exports (created by wmctl)");
      add({ check: "kms-key", status: "created", detail: `created symmetric key ${key.arn}` });
    } else {
      add({
        check: "kms-key",
        status: "missing",
        detail: spec.keyArn === undefined ? "no KMS key given" : `no key ${spec.keyArn}`,
        fix: spec.keyArn === undefined ? `${CREATE}, or pass --kms-key-arn` : "check the ARN (and the region in it)",
      });
    }
  } else {
    const problems = [
      key.region !== spec.region ? `it is in ${key.region}, the organization in ${spec.region}` : "",
      key.keySpec !== "SYMMETRIC_DEFAULT" ? `its key spec is ${key.keySpec}, not symmetric` : "",
      key.keyUsage !== "ENCRYPT_DECRYPT" ? `its usage is ${key.keyUsage}` : "",
      key.enabled ? "" : "it is disabled",
    ].filter((p) => p !== "");
    add(
      problems.length === 0
        ? { check: "kms-key", status: "ok", detail: `${key.arn} (symmetric, enabled, ${key.region})` }
        : {
            check: "kms-key",
            status: "wrong",
            detail: `${key.arn}: ${problems.join("; ")}`,
            fix: `use an enabled symmetric key in ${spec.region}`,
          },
    );
  }

  // The role.
  const trust = JSON.stringify(
    exportTrustPolicy({
      accountId: spec.accountId,
      ...(spec.pinOrganization ? { organizationArn: spec.organizationArn } : {}),
    }),
  );
  let role: RoleFacts | undefined = await port.getRole(spec.roleName);
  if (role === undefined) {
    if (create) {
      role = await port.createRole(
        spec.roleName,
        trust,
        "Lets Amazon WorkMail write mailbox exports (created by wmctl)",
      );
      add({
        check: "role",
        status: "created",
        detail: `created ${role.arn}, trusted by export.workmail.amazonaws.com`,
      });
    } else {
      add({ check: "role", status: "missing", detail: `no role ${spec.roleName}`, fix: CREATE });
    }
  } else if (!trustsExportService(role.trustPolicy)) {
    add({
      check: "role",
      status: "wrong",
      detail: `${role.arn} does not trust export.workmail.amazonaws.com`,
      fix: "add the guide's trust policy (sts:AssumeRole for export.workmail.amazonaws.com)",
    });
  } else {
    add({ check: "role", status: "ok", detail: `${role.arn} is trusted by export.workmail.amazonaws.com` });
  }
  if (role !== undefined && key !== undefined) {
    const missing = missingExportPermissions(Object.values(role.inlinePolicies), {
      bucket: spec.bucket,
      keyArn: key.arn,
    });
    if (missing.length === 0) {
      add({ check: "role-policy", status: "ok", detail: "the role may write to the bucket and encrypt with the key" });
    } else if (create) {
      await port.putRolePolicy(
        spec.roleName,
        EXPORT_ROLE_POLICY_NAME,
        JSON.stringify(
          exportRolePolicy({ bucket: spec.bucket, prefix: spec.prefix, keyArn: key.arn, region: spec.region }),
        ),
      );
      add({
        check: "role-policy",
        status: "fixed",
        detail: `put the inline policy ${EXPORT_ROLE_POLICY_NAME} (S3 and KMS permissions of the guide)`,
      });
    } else {
      add({
        check: "role-policy",
        status: "wrong",
        detail: `the role's inline policies do not allow ${missing.join(", ")}`,
        fix: CREATE,
      });
    }
  }

  return {
    checks,
    roleArn: role?.arn,
    keyArn: key?.arn,
    ready: checks.every((c) => c.status === "ok" || c.status === "created" || c.status === "fixed"),
  };
}
