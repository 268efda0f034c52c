import { MAILBOX_MAP_COLUMNS, MAILBOX_MAP_FILE } from "../mailbox-map-columns.js";
import { planCounts, plural, TARGET_NAMES, type Plan } from "./plan-model.js";

export interface RunbookOptions {
  readonly out: string;
  readonly tenant?: string | undefined;
  /** The files this plan wrote, by role. */
  readonly files: { readonly users?: string; readonly script?: string };
}

const IMAP_URL = {
  m365: "imaps://outlook.office365.com",
  google: "imaps://imap.gmail.com",
  imap: "imaps://HOST",
} as const;

/** What does not move, each with what to do instead (the admin guide and the target's features). */
function notMoving(plan: Plan): string[] {
  const t = TARGET_NAMES[plan.target];
  const list = [
    "**Contacts and tasks**: mailbox export jobs leave them out. Each user exports contacts from Outlook (File > Open & Export) or the WorkMail web app (vCard) and imports them into " +
      `${t}.`,
    "**Calendar items** are exported as MIME messages: `migrate mail` copies them as messages into a folder, not as events. For the calendar itself, users export it from Outlook (.ics or .pst) and import it" +
      (plan.target === "m365" ? " (or use Outlook with both accounts)." : "."),
    "**Passwords**: WorkMail never reveals them. " +
      (plan.target === "google"
        ? "users.csv holds random initial passwords (changed at first sign-in): hand them out over a safe channel, then delete the file."
        : plan.target === "m365"
          ? "The admin center generates passwords when it creates the users of users.csv."
          : "Set them on the IMAP server when you create the logins."),
    "**Inbox rules and signatures** live in each mailbox and have no export: users re-create them (Outlook: File > Manage Rules & Alerts; Gmail: Settings > Filters).",
    "**Mobile device policies, mobile access rules and overrides**: re-create them as " +
      (plan.target === "m365"
        ? "Intune or Exchange mobile device mailbox policies"
        : plan.target === "google"
          ? "Google endpoint management settings"
          : "the server's own policies, if any") +
      " (the inventory's mobile-rules.csv and mobile-overrides.csv list them).",
    "**Access control rules and impersonation roles**: no automatic equivalent; " +
      (plan.target === "m365"
        ? "use Conditional Access and application access policies / RBAC for applications"
        : plan.target === "google"
          ? "use context-aware access and domain-wide delegation for service accounts"
          : "use the server's own access controls") +
      " (see access-rules.csv and impersonation-roles.csv in the inventory).",
    "**Retention policies, journaling, email flow rules and DMARC enforcement settings**: re-create them with the target's own tools (" +
      (plan.target === "m365"
        ? "Purview retention, transport rules"
        : plan.target === "google"
          ? "Vault retention, Gmail compliance rules"
          : "the server's settings") +
      ").",
  ];
  if (plan.target === "google")
    list.push(
      "**Resource addresses, booking rules and delegates**: Google gives resources generated addresses; the batch carries auto-accept, but declining conflicts or recurring meetings and who manages each resource are set in Google Calendar (the resource calendar's settings > Share with specific people).",
    );
  if (plan.target === "imap")
    list.push(
      "**Aliases, groups and resources**: an IMAP server holds mailboxes only; set up aliases, lists and rooms with the new mail system (mapping.csv lists every address that needs a home).",
    );
  return list;
}

/** runbook.md: the ordered steps with exact commands and counts, and the honest list of what does not move. */
export function runbookMarkdown(plan: Plan, options: RunbookOptions): string {
  const c = planCounts(plan);
  const t = TARGET_NAMES[plan.target];
  const src = plan.doc.source.alias ?? plan.doc.source.organizationId;
  const verifyFor =
    plan.target === "imap"
      ? ""
      : ` --for ${plan.target}${plan.target === "m365" && options.tenant !== undefined ? ` --tenant ${options.tenant}` : ""}`;
  const out: string[] = [
    `# Moving ${src} from Amazon WorkMail to ${t}`,
    "",
    `Plan written by \`wmctl migrate plan --to ${plan.target}\` from the inventory taken ${plan.doc.createdAt}.`,
    "",
    "| what | count |",
    "| --- | --- |",
    `| users | ${c.users} |`,
    `| groups | ${c.groups} (${plural(c.members, "membership")}) |`,
    `| resources | ${c.resources} |`,
    `| addresses | ${c.addresses}: ${c.landing} land, ${c.cannotLand} cannot (mapping.csv says why) |`,
    `| mailboxes to copy | ${c.mailboxes} |`,
    `| mailbox permissions | ${c.permissions} |`,
    "",
    "## Steps",
    "",
    `1. **Review \`mapping.csv\`**: every address of every user, group and resource, and the ${t} object it lands on. ${c.cannotLand > 0 ? `${plural(c.cannotLand, "address")} cannot land: fix what the reason column says (often \`--map-domain OLD=NEW\`) and run the plan again, or accept it.` : "Every address lands."}`,
  ];
  if (plan.target === "m365") {
    out.push(
      `2. **Add and verify the domains** in the Microsoft 365 admin center (Settings > Domains), publishing the verification TXT record (dns-cutover.md, step 2).`,
      `3. **Create the ${plural(c.users, "user")}**: Users > Active users > Add multiple users, upload \`${options.files.users ?? "users.csv"}\`, assign licenses, and wait until each has a mailbox.`,
      `4. **Provision the rest** in Exchange Online PowerShell: \`Connect-ExchangeOnline\`, then \`.\\${options.files.script ?? "provision.ps1"}\`. It creates the groups and their members, the rooms and equipment with booking options and delegates, the extra addresses and the mailbox permissions; it checks before it changes anything, so run it again after fixing whatever stopped it.`,
    );
  } else if (plan.target === "google") {
    out.push(
      "2. **Add and verify the domains** in the Google Admin console (Account > Domains), publishing the verification TXT record (dns-cutover.md, step 2).",
      `3. **Create the ${plural(c.users, "user")}**: Directory > Users > Bulk update users, upload \`${options.files.users ?? "users.csv"}\` (UTF-8 with BOM; random initial passwords, changed at first sign-in). Then delete the file.`,
      `4. **Provision the rest** with GAM7: \`gam batch ${options.files.script ?? "gam-batch.txt"}\` (groups, members, aliases, calendar resources, delegation). A line that fails (it exists already) does not stop the others; run it again after fixing a cause.`,
    );
  } else {
    out.push(
      "2. **Prepare the server**: add the domains to the new mail system.",
      `3. **Create the ${plural(c.mailboxes, "login")}** listed in \`${MAILBOX_MAP_FILE}\` (column \`${MAILBOX_MAP_COLUMNS[1]}\`) on the IMAP server.`,
      "4. **Aliases and lists**: create the addresses mapping.csv lists as cannot-land in the new system's own settings.",
    );
  }
  out.push(
    "5. **Export the mail**: `wmctl export all` (mailbox export jobs into the S3 bucket of `--bucket`, with `--role-arn` and `--kms-key-arn`, or the profile's export settings; it resumes where it stopped).",
    `6. **Copy the mail** (${plural(c.mailboxes, "mailbox", "mailboxes")}): \`wmctl migrate mail --to ${IMAP_URL[plan.target]} --map ${options.out}/${MAILBOX_MAP_FILE}\` with the authentication \`wmctl migrate mail --help\` describes (${plan.target === "imap" ? "passwords from --password-stdin or a 0600 file" : "XOAUTH2 through --token-command, or app passwords"}; never a secret on the command line). It resumes where it stopped.`,
    `7. **Cut DNS over** as \`dns-cutover.md\` says (TTLs first, then MX, SPF${plan.target === "m365" ? ", AutoDiscover" : ""}), and check each domain: ${plan.target === "imap" ? "\`dig +short MX DOMAIN\` shows the new server's host" : `\`wmctl domain verify DOMAIN${verifyFor}\``}.`,
    "8. **Copy what arrived since**: run `wmctl export all --restart` and the same `wmctl migrate mail` again (only new messages are appended), then `wmctl migrate verify` proves every message arrived (exit 3 names a mailbox and folder that differ).",
    "9. **Reconnect the clients**: Outlook profiles and phones point at the new service (AutoDiscover does it for Outlook once DNS is cut over; phones need the account re-added).",
    "10. **Remove WorkMail's DNS records** as dns-cutover.md step 4 says, and delete the WorkMail organization when nothing is left to copy (`wmctl org delete`).",
    "",
    "## What does not move",
    "",
    ...notMoving(plan).map((x) => `- ${x}`),
  );
  if (plan.left.length > 0) {
    out.push("", "## Left out of the plan", "");
    for (const l of plan.left) out.push(`- ${l.entityType.toLowerCase()} ${l.entity}: ${l.reason}`);
  }
  if (plan.notes.length > 0) {
    out.push("", "## Notes", "");
    for (const n of plan.notes) out.push(`- ${n}`);
  }
  if (plan.doc.skipped.length > 0) {
    out.push("", "## Missing from the inventory", "");
    for (const s of plan.doc.skipped) out.push(`- ${s.area}: ${s.reason} (the plan has nothing from this area)`);
  }
  return `${out.join("\n")}\n`;
}
