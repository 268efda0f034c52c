import { domainToASCII } from "node:url";
import type { DnsRecord, GetMailDomainResponse } from "@aws-sdk/client-workmail";
import { UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";

export interface DomainView {
  domain: string;
  isDefault: boolean | undefined;
  isTestDomain: boolean | undefined;
  ownershipStatus: string | undefined;
  dkimStatus: string | undefined;
  records?: Array<{ type: string | undefined; name: string | undefined; value: string | undefined }>;
}

export const DOMAIN_FIELDS = ["domain", "isDefault", "isTestDomain", "ownershipStatus", "dkimStatus", "records"] as const;
export const domainListOutput: OutputSpec = { fields: DOMAIN_FIELDS, columns: ["domain", "isDefault", "isTestDomain", "ownershipStatus", "dkimStatus"], list: true };
export const domainRecordOutput: OutputSpec = { fields: DOMAIN_FIELDS, columns: ["domain", "isDefault", "isTestDomain", "ownershipStatus", "dkimStatus"] };

export function domainView(domain: string, d: GetMailDomainResponse, withRecords = true): DomainView {
  return {
    domain,
    isDefault: d.IsDefault,
    isTestDomain: d.IsTestDomain,
    ownershipStatus: d.OwnershipVerificationStatus,
    dkimStatus: d.DkimVerificationStatus,
    ...(withRecords ? { records: (d.Records ?? []).map((r) => ({ type: r.Type, name: r.Hostname, value: r.Value })) } : {}),
  };
}

/**
 * A domain as the admin typed it -> the form WorkMail takes: lower-case, no trailing dot. The API
 * takes ASCII only (the guide: Basic Latin); an internationalized name gets its punycode as a hint.
 */
export function domainArg(raw: string): string {
  const name = raw.trim().replace(/\.$/, "").toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) {
    const ascii = domainToASCII(name);
    throw new UsageError(`"${raw}" is not an ASCII domain name; WorkMail takes domain names in Basic Latin only`, ascii ? `use its ASCII form: ${ascii}` : undefined);
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) throw new UsageError(`"${raw}" is not a domain name`, "e.g. example.com");
  return name;
}

/** The console's sections (seed inventory 7.1). */
export type RecordSection = "Domain ownership" | "WorkMail configuration" | "Improved security";

export interface RecordRow {
  section: RecordSection;
  purpose: string;
  type: string;
  name: string;
  value: string;
  ttl: number;
}

/** TTLs: the guide recommends 3600 for MX and AutoDiscover; the others change more often while setting up. */
export function recommendedTtl(type: string, purpose: string): number {
  return type === "MX" || purpose === "AutoDiscover" ? 3600 : 1800;
}

export function recordRows(domain: string, records: readonly DnsRecord[]): RecordRow[] {
  return records.map((r) => {
    const type = (r.Type ?? "").toUpperCase();
    const name = (r.Hostname ?? "").replace(/\.$/, "").toLowerCase();
    let purpose = "Other";
    let section: RecordSection = "Improved security";
    if (type === "TXT" && name === `_amazonses.${domain}`) [purpose, section] = ["Ownership", "Domain ownership"];
    else if (type === "MX") [purpose, section] = ["Inbound mail", "WorkMail configuration"];
    else if (type === "CNAME" && name === `autodiscover.${domain}`) [purpose, section] = ["AutoDiscover", "WorkMail configuration"];
    else if (type === "CNAME" && name.endsWith(`._domainkey.${domain}`)) purpose = "DKIM";
    else if (type === "TXT" && name === domain) purpose = "SPF";
    else if (type === "TXT" && name === `_dmarc.${domain}`) purpose = "DMARC";
    return { section, purpose, type, name, value: r.Value ?? "", ttl: recommendedTtl(type, purpose) };
  });
}

export const RECORD_FIELDS = ["section", "purpose", "type", "name", "value", "ttl"] as const;
export const recordListOutput: OutputSpec = { fields: RECORD_FIELDS, columns: ["purpose", "type", "name", "value"], list: true };
