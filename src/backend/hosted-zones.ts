// The hosted-zones port: the handful of Route 53 operations wmctl needs to publish a mail domain's
// records. Served by the real Route 53 (@aws-sdk/client-route-53, aws backend) or by the
// simulator's local zones (local backend), so `domain apply` cannot tell them apart.
// Type-only imports: loading this module never loads the SDK.
import type {
  ChangeResourceRecordSetsRequest,
  ChangeResourceRecordSetsResponse,
  CreateHostedZoneRequest,
  CreateHostedZoneResponse,
  GetChangeRequest,
  GetChangeResponse,
  ListHostedZonesByNameRequest,
  ListHostedZonesByNameResponse,
  ListResourceRecordSetsRequest,
  ListResourceRecordSetsResponse,
} from "@aws-sdk/client-route-53";

export interface HostedZonesApi {
  /** "route53" for the real service, "local" for the simulator's zones (creating one costs nothing). */
  readonly kind: "route53" | "local";
  createHostedZone(input: CreateHostedZoneRequest): Promise<CreateHostedZoneResponse>;
  listHostedZonesByName(input: ListHostedZonesByNameRequest): Promise<ListHostedZonesByNameResponse>;
  listResourceRecordSets(input: ListResourceRecordSetsRequest): Promise<ListResourceRecordSetsResponse>;
  changeResourceRecordSets(input: ChangeResourceRecordSetsRequest): Promise<ChangeResourceRecordSetsResponse>;
  getChange(input: GetChangeRequest): Promise<GetChangeResponse>;
}

/** `/hostedzone/Z123` or `Z123` -> `Z123` (Route 53 accepts both; the SDK strips the prefix). */
export function bareZoneId(id: string): string {
  return id.replace(/^\/?hostedzone\//, "");
}

/** `/change/C123` or `C123` -> `C123`. */
export function bareChangeId(id: string): string {
  return id.replace(/^\/?change\//, "");
}

/** `Example.com` -> `example.com.` (Route 53's form of a name). */
export function fqdn(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower : `${lower}.`;
}
