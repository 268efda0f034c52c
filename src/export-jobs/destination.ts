import type { Settings } from "../context/settings.js";
import { UsageError } from "../errors/cli-error.js";

/** Where an export job writes, and with which role and key (StartMailboxExportJob's prerequisites). */
export interface ExportDestination {
  readonly roleArn: string;
  readonly kmsKeyArn: string;
  readonly bucket: string;
  readonly prefix: string;
}

export interface DestinationFlags {
  roleArn?: string | undefined;
  kmsKeyArn?: string | undefined;
  bucket?: string | undefined;
  prefix?: string | undefined;
}

export const DEFAULT_EXPORT_PREFIX = "mailbox-exports";

/**
 * Flags, else the profile's export keys (`wmctl config set exportBucket ...`, or `export prereqs
 * --create --save`). On the local backend the simulator needs no real role or key: placeholders
 * in its region are used, and the bucket is a folder under the store.
 */
export function resolveDestination(
  flags: DestinationFlags,
  settings: Settings,
  simulated = settings.backend === "local",
): ExportDestination {
  const p = settings.profile;
  const roleArn = flags.roleArn ?? p.exportRoleArn;
  const kmsKeyArn = flags.kmsKeyArn ?? p.exportKmsKeyArn;
  const bucket = flags.bucket ?? p.exportBucket;
  const prefix = flags.prefix ?? p.exportPrefix ?? DEFAULT_EXPORT_PREFIX;
  if (simulated) {
    const region = settings.region ?? "us-east-1";
    return {
      roleArn: roleArn ?? "arn:aws:iam::000000000000:role/WorkmailMailboxExportRole",
      kmsKeyArn: kmsKeyArn ?? `arn:aws:kms:${region}:000000000000:key/wmctl-local-export-key`,
      bucket: bucket ?? "wmctl-local-exports",
      prefix,
    };
  }
  const missing = [
    roleArn === undefined ? "--role-arn" : "",
    kmsKeyArn === undefined ? "--kms-key-arn" : "",
    bucket === undefined ? "--bucket" : "",
  ].filter((s) => s !== "");
  if (roleArn === undefined || kmsKeyArn === undefined || bucket === undefined) {
    throw new UsageError(
      `an export job needs an IAM role, a KMS key and an S3 bucket: missing ${missing.join(", ")}`,
      "provision and remember them once: wmctl export prereqs --create --save (or wmctl config set exportRoleArn|exportKmsKeyArn|exportBucket ...)",
    );
  }
  return { roleArn, kmsKeyArn, bucket, prefix };
}
