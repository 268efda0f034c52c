import { expectationsFrom, type DomainRecord, type Expectations, type Expected } from "./expected-records.js";
import { normalizeName } from "./resolver.js";
import type { TargetProfile, TargetProvider } from "./target-profile.js";

/**
 * Provider profiles: the records a mail provider asks a domain to publish. `workmail` is what
 * GetMailDomain returns (expected-records.ts); the target profiles (Microsoft 365, Google
 * Workspace) are their published formats. One source for `domain verify --for` and for the zone
 * files and cutover notes of `migrate plan`.
 */
export type Provider = "workmail" | TargetProvider;

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  workmail: "Amazon WorkMail",
  m365: "Microsoft 365",
  google: "Google Workspace",
};

/** One record of a target profile, as a zone file line and as a check's expectation. */
export interface ProfileRecord {
  readonly id: "verification" | "mx" | "spf" | "autodiscover" | "dkim-1" | "dkim-2" | "dmarc";
  readonly type: "MX" | "TXT" | "CNAME";
  readonly name: string;
  /** The record's value (for MX: `preference host`); a placeholder value names what to paste in `<...>`. */
  readonly value: string;
  /** Set when the value (or part of it) comes from the target's admin console or tenant: the record cannot be published as written. */
  readonly placeholder?: string;
  readonly purpose: string;
}

export interface ProfileOptions {
  /** Microsoft 365: the tenant's initial domain name (`contoso` for contoso.onmicrosoft.com). */
  readonly tenant?: string | undefined;
}

const SUGGESTED_DMARC = "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@{domain}";
export const WORKMAIL_SPF_INCLUDE = "amazonses.com";

/** `example.co.uk` -> `example-co-uk`: the label Microsoft 365 builds MX and DKIM hosts from. */
function m365DomainLabel(domain: string): string {
  return normalizeName(domain).replace(/\./g, "-");
}

const TENANT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `contoso`, `contoso.onmicrosoft.com` -> `contoso`; undefined when absent; throws on a malformed name. */
export function tenantName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/\.onmicrosoft\.com$/, "");
  if (!TENANT.test(t))
    throw new Error(`"${raw}" is not a Microsoft 365 tenant name (e.g. contoso or contoso.onmicrosoft.com)`);
  return t;
}

function targetProfile(provider: TargetProvider): TargetProfile {
  return provider === "m365"
    ? {
        provider,
        label: PROVIDER_LABELS.m365,
        spfInclude: "spf.protection.outlook.com",
        mxHost: /\.(mail\.protection\.outlook\.com|mx\.microsoft)$/,
        verificationPrefix: "MS=",
      }
    : {
        provider,
        label: PROVIDER_LABELS.google,
        spfInclude: "_spf.google.com",
        mxHost: /^((alt[1-4]\.)?aspmx\.l\.google\.com|aspmx[23]\.googlemail\.com|smtp\.google\.com)$/,
        verificationPrefix: "google-site-verification=",
        dkimTxt: "google._domainkey",
      };
}

/** Google's five classic MX hosts (still accepted; smtp.google.com is the one-record form). */
const GOOGLE_CLASSIC_MX = [
  "1 aspmx.l.google.com",
  "5 alt1.aspmx.l.google.com",
  "5 alt2.aspmx.l.google.com",
  "10 alt3.aspmx.l.google.com",
  "10 alt4.aspmx.l.google.com",
] as const;

/** The records the target asks `domain` to publish, in the order a zone file lists them. */
export function targetRecords(provider: TargetProvider, domain: string, options: ProfileOptions = {}): ProfileRecord[] {
  const d = normalizeName(domain);
  const dmarc: ProfileRecord = {
    id: "dmarc",
    type: "TXT",
    name: `_dmarc.${d}`,
    value: SUGGESTED_DMARC.replace("{domain}", d),
    purpose: "DMARC policy (any valid policy verifies; start with p=none to watch reports if unsure)",
  };
  if (provider === "m365") {
    const label = m365DomainLabel(d);
    const tenant = options.tenant;
    const dkim = (n: 1 | 2): ProfileRecord => ({
      id: `dkim-${n}`,
      type: "CNAME",
      name: `selector${n}._domainkey.${d}`,
      value: `selector${n}-${label}._domainkey.${tenant ?? "<tenant>"}.onmicrosoft.com`,
      ...(tenant === undefined
        ? { placeholder: "the tenant name (pass --tenant): Microsoft 365 admin center > Settings > Domains" }
        : {}),
      purpose: `DKIM key ${n} of 2 (the Defender portal shows the exact value: newer tenants get selector${n}-${label}._domainkey.<tenant>.<x>-v${n}.dkim.mail.microsoft; enable DKIM signing once both resolve)`,
    });
    return [
      {
        id: "verification",
        type: "TXT",
        name: d,
        value: "MS=ms<NUMBER>",
        placeholder: "the value Microsoft 365 admin center > Settings > Domains > Add domain shows",
        purpose: "domain verification (the tenant proves it owns the domain)",
      },
      {
        id: "mx",
        type: "MX",
        name: d,
        value: `0 ${label}.mail.protection.outlook.com`,
        purpose: "inbound mail to Exchange Online (confirm the host in the admin center: it shows the exact one)",
      },
      {
        id: "spf",
        type: "TXT",
        name: d,
        value: "v=spf1 include:spf.protection.outlook.com -all",
        purpose:
          "SPF: Exchange Online may send for the domain (keep include:amazonses.com until WorkMail stops sending)",
      },
      {
        id: "autodiscover",
        type: "CNAME",
        name: `autodiscover.${d}`,
        value: "autodiscover.outlook.com",
        purpose: "AutoDiscover: Outlook and mobile clients find Exchange Online",
      },
      dkim(1),
      dkim(2),
      dmarc,
    ];
  }
  return [
    {
      id: "verification",
      type: "TXT",
      name: d,
      value: "google-site-verification=<TOKEN>",
      placeholder: "the token the Google Admin console shows when you verify the domain",
      purpose: "domain verification",
    },
    {
      id: "mx",
      type: "MX",
      name: d,
      value: "1 smtp.google.com",
      purpose: `inbound mail to Gmail (or the five classic hosts: ${GOOGLE_CLASSIC_MX.map((m) => m.split(" ")[1]).join(", ")})`,
    },
    {
      id: "spf",
      type: "TXT",
      name: d,
      value: "v=spf1 include:_spf.google.com ~all",
      purpose: "SPF: Gmail may send for the domain (keep include:amazonses.com until WorkMail stops sending)",
    },
    {
      id: "dkim-1",
      type: "TXT",
      name: `google._domainkey.${d}`,
      value: "v=DKIM1; k=rsa; p=<PUBLIC KEY>",
      placeholder: "the key Admin console > Apps > Google Workspace > Gmail > Authenticate email generates",
      purpose: "DKIM key (then press Start authentication in the Admin console)",
    },
    dmarc,
  ];
}

const unplaceholder = (r: ProfileRecord | undefined): Expected | undefined =>
  r === undefined ? undefined : { name: r.name, value: r.value };

/** The expectations the doctor checks a domain against for a target provider. */
export function targetExpectations(
  provider: TargetProvider,
  domain: string,
  options: ProfileOptions = {},
): Expectations {
  const d = normalizeName(domain);
  const records = targetRecords(provider, d, options);
  const byId = (id: ProfileRecord["id"]) => records.find((r) => r.id === id);
  const mx = byId("mx") as ProfileRecord;
  const [pref, exchange] = mx.value.split(" ") as [string, string];
  // The domain's label, its own dashes optional (Microsoft drops them for some domains); letters, digits and dashes only.
  const label = d
    .split(".")
    .map((part) => part.replace(/-/g, "-?"))
    .join("-");
  const tenant = options.tenant === undefined ? "[a-z0-9-]+" : options.tenant;
  const dkim =
    provider === "m365"
      ? records
          .filter((r) => r.id.startsWith("dkim-"))
          .map((r, i) => ({
            name: r.name,
            value: r.value,
            // Both published forms: <tenant>.onmicrosoft.com, and <tenant>.<partition>-v1.dkim.mail.microsoft for newer tenants.
            // Without --tenant any tenant's key host is accepted: the selector and the domain's label must still match.
            pattern: new RegExp(
              `^selector${i + 1}-${label}\\._domainkey\\.${tenant}\\.(onmicrosoft\\.com|[a-z0-9]+-v${i + 1}\\.dkim\\.mail\\.microsoft)$`,
            ),
          }))
      : [];
  return {
    domain: d,
    region: undefined,
    ownership: unplaceholder(byId("verification")),
    mx: { name: d, preference: Number(pref), exchange },
    autodiscover: unplaceholder(byId("autodiscover")),
    dkim,
    spf: unplaceholder(byId("spf")),
    dmarc: unplaceholder(byId("dmarc")),
    other: [],
    target: targetProfile(provider),
  };
}

/**
 * The expectations of any profile: WorkMail's from what GetMailDomain asked for (`records`), a
 * target's from its published formats.
 */
export function profileExpectations(
  provider: Provider,
  domain: string,
  options: ProfileOptions & { readonly records?: readonly DomainRecord[] } = {},
): Expectations {
  return provider === "workmail"
    ? expectationsFrom(domain, options.records ?? [])
    : targetExpectations(provider, domain, options);
}
