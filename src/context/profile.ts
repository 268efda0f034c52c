import { OUTPUT_FORMATS, type OutputFormat } from "../output/format.js";

/** A named profile. Never holds AWS secrets: an `awsProfile` name points at ~/.aws instead. */
export interface Profile {
  backend?: "local" | "aws";
  region?: string;
  endpointUrl?: string;
  awsProfile?: string;
  organizationId?: string;
  dataDir?: string;
  output?: OutputFormat;
  maxAttempts?: number;
  exportRoleArn?: string;
  exportKmsKeyArn?: string;
  exportBucket?: string;
  exportPrefix?: string;
}

export interface ConfigFile {
  currentProfile: string;
  profiles: Record<string, Profile>;
}

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const DEFAULT_PROFILE = "default";

interface KeySpec {
  readonly describe: string;
  readonly schema: Record<string, unknown>;
  parse(raw: string): string | number;
}

const str = (
  describe: string,
  schema: { enum?: readonly string[]; pattern?: string; minLength?: number; maxLength?: number } = {},
): KeySpec => ({
  describe,
  schema: { type: "string", ...schema },
  // Checked here, in words, before the file's schema would refuse it with a JSON-schema message.
  parse: (raw) => {
    if (schema.enum !== undefined && !schema.enum.includes(raw))
      throw new Error(`"${raw}" is not allowed: use one of ${schema.enum.join(", ")}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(raw))
      throw new Error(`"${raw}" is not a valid value: expected ${describe}`);
    if (schema.minLength !== undefined && raw.length < schema.minLength) throw new Error("the value is empty");
    if (schema.maxLength !== undefined && raw.length > schema.maxLength)
      throw new Error(`the value is longer than ${schema.maxLength} characters`);
    return raw;
  },
});

/** An AWS region name: us-east-1, us-gov-west-1, eu-central-2 (the flag, the environment and profiles alike). */
export const AWS_REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-\\d{1,2}$";

/** Every key `wmctl config set` accepts, with its JSON-schema (validated by conf on write). */
export const PROFILE_KEYS: Readonly<Record<keyof Profile, KeySpec>> = {
  backend: str("local (the embedded simulator) or aws", { enum: ["local", "aws"] }),
  region: str("AWS region, e.g. us-east-1", { pattern: AWS_REGION_PATTERN }),
  endpointUrl: str("WorkMail endpoint URL, e.g. a served simulator http://127.0.0.1:4566", { pattern: "^https?://" }),
  awsProfile: str("name of a profile in ~/.aws/config used for credentials", {
    pattern: "^[A-Za-z0-9_.@+=,-]{1,128}$",
  }),
  organizationId: str("default organization id (set it with `wmctl org use`)", { pattern: "^m-[0-9a-f]{32}$" }),
  dataDir: str("folder of the local simulator's store (default: the XDG data dir)", { minLength: 1 }),
  output: str("default output format", { enum: [...OUTPUT_FORMATS] }),
  maxAttempts: {
    describe: "attempts per AWS call, retries included (1-20)",
    schema: { type: "integer", minimum: 1, maximum: 20 },
    parse: (raw) => {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new Error(`maxAttempts must be a whole number, got "${raw}"`);
      return n;
    },
  },
  exportRoleArn: str("IAM role ARN for mailbox export jobs", { pattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/.+" }),
  exportKmsKeyArn: str("KMS key ARN for mailbox export jobs", {
    pattern: "^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+",
  }),
  exportBucket: str("S3 bucket for mailbox export jobs", { pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$" }),
  exportPrefix: str("S3 key prefix for mailbox export jobs", { maxLength: 1024 }),
};

export function isProfileKey(key: string): key is keyof Profile {
  return Object.hasOwn(PROFILE_KEYS, key);
}

/** The JSON schema conf validates the whole file against. */
export function configSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(PROFILE_KEYS)) properties[k] = spec.schema;
  return {
    currentProfile: { type: "string", pattern: PROFILE_NAME_PATTERN.source, default: DEFAULT_PROFILE },
    profiles: {
      type: "object",
      default: {},
      propertyNames: { pattern: PROFILE_NAME_PATTERN.source },
      additionalProperties: { type: "object", additionalProperties: false, properties },
    },
  };
}
