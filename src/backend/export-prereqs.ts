/**
 * The AWS resources a mailbox export job needs (guide, "Exporting mailbox content" prerequisites):
 * an S3 bucket without public access, a symmetric KMS key, and an IAM role the export service can
 * assume. The aws backend serves this port with the S3, KMS and IAM SDK clients, loaded on first
 * use; the local simulator needs none of it.
 */
export interface ExportPrereqsPort {
  /** Undefined when the bucket does not exist. */
  getBucket(bucket: string): Promise<BucketFacts | undefined>;
  createBucket(bucket: string, region: string): Promise<void>;
  /** Turns on all four S3 Block Public Access settings of the bucket. */
  blockPublicAccess(bucket: string): Promise<void>;
  /** Undefined when there is no such key. */
  getKey(keyArn: string): Promise<KeyFacts | undefined>;
  createKey(region: string, description: string): Promise<KeyFacts>;
  /** Undefined when there is no such role. */
  getRole(roleName: string): Promise<RoleFacts | undefined>;
  createRole(roleName: string, trustPolicy: string, description: string): Promise<RoleFacts>;
  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
}

export interface BucketFacts {
  readonly region: string;
  /** All four Block Public Access settings are on. */
  readonly publicAccessBlocked: boolean;
  /** The bucket policy makes it public (GetBucketPolicyStatus); false without a policy. */
  readonly policyIsPublic: boolean;
}

export interface KeyFacts {
  readonly arn: string;
  readonly region: string;
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly enabled: boolean;
}

export interface RoleFacts {
  readonly arn: string;
  /** Parsed trust policy (AssumeRolePolicyDocument). */
  readonly trustPolicy: unknown;
  /** Inline policies by name, parsed. */
  readonly inlinePolicies: Readonly<Record<string, unknown>>;
}
