import type { HostedZonesApi } from "./hosted-zones.js";

export interface Route53Options {
  readonly awsProfile: string | undefined;
  /** A Route 53 endpoint other than AWS's (a test server); normally undefined. */
  readonly endpoint: string | undefined;
  readonly maxAttempts: number | undefined;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const OPERATIONS = [
  "CreateHostedZone",
  "ListHostedZonesByName",
  "ListResourceRecordSets",
  "ChangeResourceRecordSets",
  "GetChange",
] as const;

/**
 * The hosted-zones port on the real Route 53 (@aws-sdk/client-route-53, restXml). Imported lazily
 * by the backend factory. Route 53 is a global service: its API lives in us-east-1 whatever the
 * WorkMail region is.
 */
export async function createRoute53HostedZones(options: Route53Options): Promise<HostedZonesApi> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const sdk = (await import("@aws-sdk/client-route-53")) as unknown as Record<string, unknown> &
    typeof import("@aws-sdk/client-route-53");
  const client = new sdk.Route53Client({
    region: "us-east-1",
    ...(options.awsProfile === undefined ? {} : { profile: options.awsProfile }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    retryMode: "adaptive",
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  const api: Record<string, unknown> = { kind: "route53" };
  for (const op of OPERATIONS) {
    const Command = sdk[`${op}Command`] as unknown as new (input: unknown) => never;
    api[op.charAt(0).toLowerCase() + op.slice(1)] = (input: unknown) => client.send(new Command(input));
  }
  return api as unknown as HostedZonesApi;
}
