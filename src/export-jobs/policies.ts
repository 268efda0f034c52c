/** The guide's IAM policies for mailbox export ("IAM policy examples and role creation"). */
import { globRegExp } from "./glob.js";

const EXPORT_SERVICE_PRINCIPAL = "export.workmail.amazonaws.com";
export const DEFAULT_EXPORT_ROLE_NAME = "WorkmailMailboxExportRole";
export const EXPORT_ROLE_POLICY_NAME = "MailboxExport";

/** mailbox-export-policy.json: write to the bucket, encrypt with the key through S3. */
export function exportRolePolicy(p: { bucket: string; prefix: string; keyArn: string; region: string }): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:PutObject", "s3:GetBucketPolicyStatus"],
        Resource: [`arn:aws:s3:::${p.bucket}`, `arn:aws:s3:::${p.bucket}/*`],
      },
      {
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [p.keyArn],
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${p.region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::${p.bucket}/${p.prefix}*` },
        },
      },
    ],
  };
}

/**
 * mailbox-export-trust-policy.json: the export service may assume the role for this account (and,
 * unless the role is shared by the account's organizations, only for this organization).
 */
export function exportTrustPolicy(p: { accountId: string; organizationArn?: string }): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "",
        Effect: "Allow",
        Principal: { Service: EXPORT_SERVICE_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": p.accountId },
          ...(p.organizationArn === undefined ? {} : { ArnLike: { "aws:SourceArn": p.organizationArn } }),
        },
      },
    ],
  };
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: { Service?: string | string[] } | string;
}

function statements(doc: unknown): Statement[] {
  const s = (doc as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether a glob of IAM (`*`, `?`) matches a value. */
function iamMatch(pattern: string, value: string): boolean {
  return globRegExp(pattern).test(value);
}

/** Whether the trust policy lets the export service assume the role. */
export function trustsExportService(doc: unknown): boolean {
  return statements(doc).some((s) => {
    if (s.Effect !== "Allow") return false;
    const principal = typeof s.Principal === "object" ? list(s.Principal.Service) : [];
    return principal.includes(EXPORT_SERVICE_PRINCIPAL) && list(s.Action).some((a) => iamMatch(a, "sts:AssumeRole"));
  });
}

/** The actions of the guide's role policy the given policies do not allow (on the bucket and key). */
export function missingExportPermissions(docs: readonly unknown[], p: { bucket: string; keyArn: string }): string[] {
  const needed: Array<[string, string]> = [
    ["s3:PutObject", `arn:aws:s3:::${p.bucket}/x`],
    ["s3:AbortMultipartUpload", `arn:aws:s3:::${p.bucket}/x`],
    ["s3:GetBucketPolicyStatus", `arn:aws:s3:::${p.bucket}`],
    ["kms:GenerateDataKey", p.keyArn],
    ["kms:Decrypt", p.keyArn],
  ];
  const allowed = (action: string, resource: string) =>
    docs.some((d) =>
      statements(d).some(
        (s) =>
          s.Effect === "Allow" &&
          list(s.Action).some((a) => iamMatch(a, action)) &&
          list(s.Resource).some((r) => iamMatch(r, resource)),
      ),
    );
  return needed.filter(([a, r]) => !allowed(a, r)).map(([a]) => a);
}
