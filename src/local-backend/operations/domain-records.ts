import { randomBytes } from "node:crypto";

/** The tokens WorkMail (through SES) hands out for one domain. */
export interface DomainTokens {
  /** The `_amazonses` TXT value: 32 random bytes in base64, like SES's verification tokens. */
  readonly ownership: string;
  /** Three DKIM selectors: 32 characters of lower-case base32, like SES Easy DKIM tokens. */
  readonly dkim: readonly [string, string, string];
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function dkimToken(): string {
  return Array.from(randomBytes(32), (b) => BASE32[b % 32]).join("");
}

export function newDomainTokens(): DomainTokens {
  return { ownership: randomBytes(32).toString("base64"), dkim: [dkimToken(), dkimToken(), dkimToken()] };
}

/** The values WorkMail asks for, per region (admin guide: Adding a domain; A.4 of the seed inventory). */
export const workmailEndpoints = (region: string) => ({
  inboundMx: `inbound-smtp.${region}.amazonaws.com`,
  autodiscover: `autodiscover.mail.${region}.awsapps.com`,
  autodiscoverService: `autodiscover-service.mail.${region}.awsapps.com`,
  activeSync: `https://mobile.mail.${region}.awsapps.com/Microsoft-Server-ActiveSync`,
  ews: `https://ews.mail.${region}.awsapps.com/EWS/Exchange.asmx`,
});

const DEFAULT_SPF = "v=spf1 include:amazonses.com ~all";
const DEFAULT_DMARC = "v=DMARC1;p=quarantine;pct=100;fo=1";

export interface DnsRecordSpec {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}

/**
 * GetMailDomain's Records for a custom domain, in the console's order: ownership, WorkMail
 * configuration (MX, AutoDiscover), improved security (3 DKIM CNAMEs, SPF, DMARC). Host names
 * without the trailing dot; values unquoted.
 */
export function domainRecords(region: string, domain: string, tokens: DomainTokens): DnsRecordSpec[] {
  const e = workmailEndpoints(region);
  return [
    { Type: "TXT", Hostname: `_amazonses.${domain}`, Value: tokens.ownership },
    { Type: "MX", Hostname: domain, Value: `10 ${e.inboundMx}` },
    { Type: "CNAME", Hostname: `autodiscover.${domain}`, Value: e.autodiscover },
    ...tokens.dkim.map((t) => ({
      Type: "CNAME",
      Hostname: `${t}._domainkey.${domain}`,
      Value: `${t}.dkim.amazonses.com`,
    })),
    { Type: "TXT", Hostname: domain, Value: DEFAULT_SPF },
    { Type: "TXT", Hostname: `_dmarc.${domain}`, Value: DEFAULT_DMARC },
  ];
}
