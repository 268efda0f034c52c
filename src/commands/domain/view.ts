import { domainToASCII } from "node:url";
import type { DnsRecord, GetMailDomainResponse } from "@aws-sdk/client-workmail";
import { recordKind, type RecordKind } from "../../dns-verify/expected-records.js";
import type { Section } from "../../dns-verify/findings.js";
import { normalizeName } from "../../dns-verify/resolver.js";
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

const STATUS_FIELDS = ["domain", "isDefault", "isTestDomain", "ownershipStatus", "dkimStatus"] as const;
/** `domain list` has no records (one GetMailDomain per domain gives the statuses; `domain records` has the rest). */
export const domainListOutput: OutputSpec = {
  fields: STATUS_FIELDS,
  columns: STATUS_FIELDS,
  list: true,
  empty: "no mail domains",
};
export const domainRecordOutput: OutputSpec = { fields: [...STATUS_FIELDS, "records"], columns: STATUS_FIELDS };
/** One domain's statuses, without its records (`domain set-default`). */
export const domainStatusOutput: OutputSpec = { fields: STATUS_FIELDS, columns: STATUS_FIELDS };

export function domainView(domain: string, d: GetMailDomainResponse, withRecords = true): DomainView {
  return {
    domain,
    isDefault: d.IsDefault,
    isTestDomain: d.IsTestDomain,
    ownershipStatus: d.OwnershipVerificationStatus,
    dkimStatus: d.DkimVerificationStatus,
    ...(withRecords
      ? { records: (d.Records ?? []).map((r) => ({ type: r.Type, name: r.Hostname, value: r.Value })) }
      : {}),
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
    throw new UsageError(
      `"${raw}" is not an ASCII domain name; WorkMail takes domain names in Basic Latin only`,
      ascii ? `use its ASCII form: ${ascii}` : undefined,
    );
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name))
    throw new UsageError(`"${raw}" is not a domain name`, "e.g. example.com");
  return name;
}

/** The console's sections (seed inventory 7.1). */
type RecordSection = Exclude<Section, "Improved email delivery">;

export interface RecordRow {
  section: RecordSection;
  purpose: string;
  type: string;
  name: string;
  value: string;
  ttl: number;
}

/** TTLs: the guide recommends 3600 for MX and AutoDiscover; the others change more often while setting up. */
function recommendedTtl(type: string, purpose: string): number {
  return type === "MX" || purpose === "AutoDiscover" ? 3600 : 1800;
}

/** Each kind of record WorkMail asks for: its purpose as `domain records` names it, and its console section. */
const PURPOSES: Readonly<Record<RecordKind, readonly [string, RecordSection]>> = {
  ownership: ["Ownership", "Domain ownership"],
  mx: ["Inbound mail", "WorkMail configuration"],
  autodiscover: ["AutoDiscover", "WorkMail configuration"],
  dkim: ["DKIM", "Improved security"],
  spf: ["SPF", "Improved security"],
  dmarc: ["DMARC", "Improved security"],
  other: ["Other", "Improved security"],
};

export function recordRows(domain: string, records: readonly DnsRecord[]): RecordRow[] {
  return records.map((r) => {
    const type = (r.Type ?? "").toUpperCase();
    const name = normalizeName(r.Hostname ?? "");
    const value = r.Value ?? "";
    const [purpose, section] = PURPOSES[recordKind(domain, type, name, value)];
    return { section, purpose, type, name, value, ttl: recommendedTtl(type, purpose) };
  });
}

const RECORD_FIELDS = ["section", "purpose", "type", "name", "value", "ttl"] as const;
export const recordListOutput: OutputSpec = {
  fields: RECORD_FIELDS,
  columns: ["purpose", "type", "name", "value"],
  list: true,
};
