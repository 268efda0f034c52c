import type { BucketFacts, ExportPrereqsPort, KeyFacts, RoleFacts } from "./export-prereqs.js";
import type { AwsClientOptions } from "./s3-export-storage.js";

type Send = (command: unknown) => Promise<unknown>;

/**
 * ExportPrereqsPort over @aws-sdk/client-s3, -kms and -iam. Each SDK is imported the first time one
 * of its calls is made, so `wmctl export prereqs` on the local backend never loads them.
 */
export function awsExportPrereqs(options: AwsClientOptions & { region: string }): ExportPrereqsPort {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const common = {
    ...(options.awsProfile === undefined ? {} : { profile: options.awsProfile }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    retryMode: "adaptive" as const,
  };
  const clients = new Map<string, Promise<{ send: Send; sdk: Record<string, new (input: unknown) => unknown> }>>();
  const client = (service: "s3" | "kms" | "iam", region: string) => {
    const k = `${service}:${region}`;
    let c = clients.get(k);
    if (c === undefined) {
      c = (async () => {
        const sdk = (service === "s3"
          ? await import("@aws-sdk/client-s3")
          : service === "kms"
            ? await import("@aws-sdk/client-kms")
            : await import("@aws-sdk/client-iam")) as unknown as Record<string, new (input: unknown) => unknown>;
        const Client = sdk[service === "s3" ? "S3Client" : service === "kms" ? "KMSClient" : "IAMClient"] as new (
          input: unknown,
        ) => { send: Send };
        const instance = new Client({ region, ...common });
        return { send: (cmd: unknown) => instance.send(cmd), sdk };
      })();
      clients.set(k, c);
    }
    return c;
  };
  const call = async (
    service: "s3" | "kms" | "iam",
    region: string,
    command: string,
    input: unknown,
  ): Promise<Record<string, unknown>> => {
    const { send, sdk } = await client(service, region);
    const Command = sdk[`${command}Command`] as new (input: unknown) => unknown;
    return (await send(new Command(input))) as Record<string, unknown>;
  };
  const notFound = (e: unknown, ...names: string[]) => names.includes((e as { name?: string }).name ?? "");
  const iamRegion = options.region;

  return {
    async getBucket(bucket): Promise<BucketFacts | undefined> {
      let region: string;
      try {
        const loc = await call("s3", options.region, "GetBucketLocation", { Bucket: bucket });
        const c = loc.LocationConstraint as string | undefined | null;
        region = c === undefined || c === null || c === "" ? "us-east-1" : c === "EU" ? "eu-west-1" : c;
      } catch (e) {
        if (notFound(e, "NoSuchBucket", "NotFound")) return undefined;
        throw e;
      }
      let blocked = false;
      try {
        const pab = (await call("s3", region, "GetPublicAccessBlock", { Bucket: bucket }))
          .PublicAccessBlockConfiguration as Record<string, boolean> | undefined;
        blocked =
          pab !== undefined &&
          pab.BlockPublicAcls === true &&
          pab.IgnorePublicAcls === true &&
          pab.BlockPublicPolicy === true &&
          pab.RestrictPublicBuckets === true;
      } catch (e) {
        if (!notFound(e, "NoSuchPublicAccessBlockConfiguration")) throw e;
      }
      let policyIsPublic = false;
      try {
        policyIsPublic =
          (
            (await call("s3", region, "GetBucketPolicyStatus", { Bucket: bucket })).PolicyStatus as
              | { IsPublic?: boolean }
              | undefined
          )?.IsPublic === true;
      } catch (e) {
        if (!notFound(e, "NoSuchBucketPolicy")) throw e;
      }
      return { region, publicAccessBlocked: blocked, policyIsPublic };
    },
    async createBucket(bucket, region) {
      await call("s3", region, "CreateBucket", {
        Bucket: bucket,
        ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
      });
    },
    async blockPublicAccess(bucket) {
      const facts = await this.getBucket(bucket);
      await call("s3", facts?.region ?? options.region, "PutPublicAccessBlock", {
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      });
    },
    async getKey(keyArn): Promise<KeyFacts | undefined> {
      const region = keyArn.split(":")[3] || options.region;
      try {
        const m = (await call("kms", region, "DescribeKey", { KeyId: keyArn })).KeyMetadata as Record<string, unknown>;
        return keyFacts(m, region);
      } catch (e) {
        if (notFound(e, "NotFoundException")) return undefined;
        throw e;
      }
    },
    async createKey(region, description) {
      const m = (
        await call("kms", region, "CreateKey", {
          Description: description,
          KeySpec: "SYMMETRIC_DEFAULT",
          KeyUsage: "ENCRYPT_DECRYPT",
        })
      ).KeyMetadata as Record<string, unknown>;
      return keyFacts(m, region);
    },
    async getRole(roleName): Promise<RoleFacts | undefined> {
      let role: Record<string, unknown>;
      try {
        role = (await call("iam", iamRegion, "GetRole", { RoleName: roleName })).Role as Record<string, unknown>;
      } catch (e) {
        if (notFound(e, "NoSuchEntityException", "NoSuchEntity")) return undefined;
        throw e;
      }
      const names =
        ((await call("iam", iamRegion, "ListRolePolicies", { RoleName: roleName })).PolicyNames as
          | string[]
          | undefined) ?? [];
      const inlinePolicies: Record<string, unknown> = {};
      for (const name of names) {
        const doc = (await call("iam", iamRegion, "GetRolePolicy", { RoleName: roleName, PolicyName: name }))
          .PolicyDocument as string | undefined;
        inlinePolicies[name] = parsePolicy(doc);
      }
      return {
        arn: role.Arn as string,
        trustPolicy: parsePolicy(role.AssumeRolePolicyDocument as string | undefined),
        inlinePolicies,
      };
    },
    async createRole(roleName, trustPolicy, description) {
      const role = (
        await call("iam", iamRegion, "CreateRole", {
          RoleName: roleName,
          AssumeRolePolicyDocument: trustPolicy,
          Description: description,
        })
      ).Role as Record<string, unknown>;
      return { arn: role.Arn as string, trustPolicy: JSON.parse(trustPolicy) as unknown, inlinePolicies: {} };
    },
    async putRolePolicy(roleName, policyName, document) {
      await call("iam", iamRegion, "PutRolePolicy", {
        RoleName: roleName,
        PolicyName: policyName,
        PolicyDocument: document,
      });
    },
  };
}

function keyFacts(m: Record<string, unknown>, region: string): KeyFacts {
  const arn = m.Arn as string;
  return {
    arn,
    region: arn.split(":")[3] ?? region,
    keySpec:
      (m.KeySpec as string | undefined) ?? (m.CustomerMasterKeySpec as string | undefined) ?? "SYMMETRIC_DEFAULT",
    keyUsage: (m.KeyUsage as string | undefined) ?? "ENCRYPT_DECRYPT",
    enabled: m.Enabled === true,
  };
}

/** IAM returns policy documents URL-encoded. */
function parsePolicy(doc: string | undefined): unknown {
  if (doc === undefined) return undefined;
  try {
    return JSON.parse(decodeURIComponent(doc));
  } catch {
    try {
      return JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
}
