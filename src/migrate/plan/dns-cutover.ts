import { recordKind } from "../../dns-verify/expected-records.js";
import { quoteTxt } from "../../dns-verify/presentation.js";
import { targetRecords, WORKMAIL_SPF_INCLUDE, type ProfileRecord } from "../../dns-verify/provider-profiles.js";
import { normalizeName } from "../../dns-verify/resolver.js";
import { TARGET_NAMES, type Plan, type PlannedDomain } from "./plan-model.js";

/** TTL for the records the cutover changes: low, so a mistake is undone in minutes. */
const CUTOVER_TTL = 300;

export interface ZoneOptions {
  readonly tenant?: string | undefined;
}

/** The target's records for one domain; for IMAP, placeholders for the provider's own. */
function cutoverRecords(plan: Plan, domain: string, options: ZoneOptions): ProfileRecord[] {
  if (plan.target !== "imap") return targetRecords(plan.target, domain, options);
  const d = normalizeName(domain);
  return [
    {
      id: "mx",
      type: "MX",
      name: d,
      value: "10 <mx-host-of-your-imap-provider>",
      placeholder: "your mail provider's MX host",
      purpose: "inbound mail to the new server",
    },
    {
      id: "spf",
      type: "TXT",
      name: d,
      value: "v=spf1 include:<spf-include-of-your-provider> ~all",
      placeholder: "your mail provider's SPF include",
      purpose: "SPF for the new server",
    },
    {
      id: "dmarc",
      type: "TXT",
      name: `_dmarc.${d}`,
      value: `v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${d}`,
      purpose: "DMARC policy",
    },
  ];
}

/** SPF during the move: the target's include plus WorkMail's, until WorkMail sends nothing more. */
function transitionalSpf(value: string): string {
  return value.includes(`include:${WORKMAIL_SPF_INCLUDE}`)
    ? value
    : value.replace(/(\s[~?+-]?all)$/, ` include:${WORKMAIL_SPF_INCLUDE}$1`);
}

function rdata(r: Pick<ProfileRecord, "type" | "value">): string {
  if (r.type === "TXT") return quoteTxt(r.value);
  if (r.type === "MX") return r.value.replace(/(\S+)$/, "$1.");
  return `${r.value}.`;
}

/** zones/<domain>.zone: RFC 1035 master format, absolute names; placeholders are commented out. */
export function zoneFile(plan: Plan, d: PlannedDomain, options: ZoneOptions): string {
  const name = normalizeName(d.target);
  const out = [
    `; ${name}: the ${TARGET_NAMES[plan.target]} records, from wmctl migrate plan (see dns-cutover.md for when to publish each)`,
    `; Lines starting with "; PLACEHOLDER" need a value from the target first; the rest can be imported as they are.`,
    `$ORIGIN ${name}.`,
    `$TTL ${CUTOVER_TTL}`,
  ];
  for (const r of cutoverRecords(plan, name, options)) {
    const value = r.id === "spf" && plan.target !== "imap" ? { ...r, value: transitionalSpf(r.value) } : r;
    const line = `${r.name}.\t${CUTOVER_TTL}\tIN\t${r.type}\t${rdata(value)}`;
    out.push(
      `; ${r.purpose}${r.id === "spf" && plan.target !== "imap" ? `; drop include:${WORKMAIL_SPF_INCLUDE} once WorkMail sends nothing more` : ""}`,
    );
    out.push(r.placeholder === undefined ? line : `; PLACEHOLDER (${r.placeholder}): ${line}`);
  }
  if (plan.target === "google")
    out.push(
      "; Google alternative to the one MX record: the five classic hosts 1 aspmx.l.google.com., 5 alt1/alt2.aspmx.l.google.com., 10 alt3/alt4.aspmx.l.google.com.",
    );
  return `${out.join("\n")}\n`;
}

interface Removal {
  readonly record: string;
  readonly when: string;
}

/** The WorkMail records to take out after the cutover, from what WorkMail asked the domain to publish. */
function workmailRemovals(d: PlannedDomain): Removal[] {
  const out: Removal[] = [];
  const name = normalizeName(d.source);
  for (const r of d.workmailRecords) {
    const host = normalizeName(r.hostname);
    const line = `\`${host}. ${r.type} ${r.value}\``;
    switch (recordKind(name, r.type.toUpperCase(), host, r.value)) {
      case "mx":
        out.push({ record: line, when: "at the cutover: replaced by the target's MX (step 3)" });
        break;
      case "autodiscover":
        out.push({ record: line, when: "at the cutover: replaced by the target's AutoDiscover record, or removed" });
        break;
      case "spf":
        out.push({
          record: `\`include:${WORKMAIL_SPF_INCLUDE}\` in ${line}`,
          when: "after the last `migrate mail` pass, once no one sends through WorkMail (a week after the cutover is safe)",
        });
        break;
      case "dkim":
        out.push({
          record: line,
          when: "with include:amazonses.com: mail WorkMail still sends must stay signed until then",
        });
        break;
      case "ownership":
        out.push({
          record: line,
          when: "last, after the WorkMail organization is deleted (it proves the domain to Amazon SES until then)",
        });
        break;
      case "dmarc":
        out.push({
          record: line,
          when: "keep it, or replace it with the target's policy: DMARC does not depend on the provider",
        });
        break;
      default:
        out.push({
          record: line,
          when: "check what it is for; remove it with the WorkMail organization if it was WorkMail's",
        });
    }
  }
  return out;
}

/** dns-cutover.md: lower TTLs, publish the target's records, switch, then remove WorkMail's. */
export function dnsCutoverMarkdown(
  plan: Plan,
  options: ZoneOptions,
  commands: { verify: (domain: string) => string },
): string {
  const who = TARGET_NAMES[plan.target];
  const out: string[] = [
    `# DNS cutover to ${who}`,
    "",
    `Generated by \`wmctl migrate plan\` from the inventory of ${plan.doc.source.alias ?? plan.doc.source.organizationId} taken ${plan.doc.createdAt}.`,
    `Each domain has a zone file in \`zones/\` (RFC 1035 master format, TTL ${CUTOVER_TTL}); records marked PLACEHOLDER need a value from ${who} first.`,
    "",
  ];
  if (plan.domains.length === 0)
    out.push(
      "The inventory has no mail domain of your own (only WorkMail's test domain, which stays with AWS): there is no DNS to cut over.",
      "",
    );
  for (const d of plan.domains) {
    const name = normalizeName(d.target);
    const records = cutoverRecords(plan, name, options);
    const renamed = d.source !== d.target ? ` (WorkMail's ${d.source})` : "";
    out.push(`## ${name}${renamed}${d.isDefault ? " — the default domain" : ""}`, "");
    out.push(
      "1. **Now, at least 48 hours before the cutover: lower the TTLs.** Set the TTL of the domain's MX record, its SPF TXT record and the",
      `   \`autodiscover.${name}\` record to ${CUTOVER_TTL} seconds, and wait for the old TTL to pass, so the switch takes effect in minutes everywhere.`,
    );
    const early = records.filter((r) => r.id === "verification" || r.id.startsWith("dkim-"));
    if (early.length > 0) {
      out.push(
        `2. **Before the cutover: prove the domain and publish DKIM.** These records do not change where mail goes:`,
      );
      for (const r of early)
        out.push(
          `   - ${r.purpose}: \`${r.name}. ${r.type} ${rdata(r)}\`${r.placeholder === undefined ? "" : ` — PLACEHOLDER: ${r.placeholder}`}`,
        );
    } else {
      out.push(
        "2. **Before the cutover:** create the mailboxes on the new server (runbook.md) and copy the mail once with `wmctl migrate mail`.",
      );
    }
    out.push(`3. **The cutover** (after the first \`wmctl migrate mail\` pass): replace these records in one change:`);
    for (const r of records.filter(
      (x) => x.id === "mx" || x.id === "spf" || x.id === "autodiscover" || x.id === "dmarc",
    )) {
      const v = r.id === "spf" && plan.target !== "imap" ? { ...r, value: transitionalSpf(r.value) } : r;
      out.push(
        `   - ${r.purpose}: \`${r.name}. ${r.type} ${rdata(v)}\`${r.placeholder === undefined ? "" : ` — PLACEHOLDER: ${r.placeholder}`}`,
      );
    }
    if (plan.target === "imap")
      out.push(`   - AutoDiscover: remove \`autodiscover.${name}\` or point it at your provider's, if it offers one.`);
    out.push(
      `   Then check: \`${commands.verify(name)}\` (exit 0 when every required record verifies; warnings name what is left to remove).`,
    );
    out.push("4. **After the cutover: remove WorkMail's records**, each when it is safe:");
    const removals = workmailRemovals(d);
    if (d.isTestDomain)
      out.push(
        `   - nothing: ${d.source} is WorkMail's test domain, whose records AWS manages; ${name} had no WorkMail records.`,
      );
    else if (removals.length === 0)
      out.push(
        "   - the inventory holds no WorkMail records for this domain: look for `_amazonses`, `*.dkim.amazonses.com`, `inbound-smtp.*.amazonaws.com` and `include:amazonses.com`.",
      );
    for (const r of removals) out.push(`   - ${r.record}: ${r.when}`);
    out.push(
      `5. **Raise the TTLs again** (3600 seconds or more) once mail flows to ${who} and nothing needs undoing.`,
      "",
    );
  }
  return out.join("\n");
}
