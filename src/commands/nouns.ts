/**
 * What `wmctl --help` shows of each top-level command, known without loading it: commands are
 * loaded only when argv names them (src/cli/command-tree.ts), so startup stays fast. Each command
 * spreads its entry into its own spec, so the two never differ.
 */
export interface NounMeta {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
}

export const NOUNS = {
  quickstart: { name: "quickstart", summary: "Create a small organization on the local simulator and show it (a two-minute tour)" },
  setup: { name: "setup", summary: "Set up WorkMail step by step: organization, domain, DNS records, verification, first user" },
  org: { name: "org", aliases: ["organization"], summary: "Organizations: create, list, describe, delete, pick the default, inventory and restore" },
  user: { name: "user", aliases: ["users"], summary: "Users: create, list, describe, update, enable, disable, delete, reset passwords" },
  group: { name: "group", aliases: ["groups"], summary: "Groups: distribution lists and security groups, their members" },
  resource: { name: "resource", aliases: ["resources"], summary: "Resources: rooms and equipment, their booking options and delegates" },
  alias: { name: "alias", aliases: ["aliases"], summary: "Email aliases of users, groups and resources: add, remove, list" },
  whois: { name: "whois", summary: "Find who has an email address, name or id: user, group or resource" },
  domain: { name: "domain", aliases: ["domains"], summary: "Mail domains: add, publish records (Route 53), verify DNS, set the default" },
  autodiscover: { name: "autodiscover", summary: "AutoDiscover: test how Outlook and phones find a domain's mail settings" },
  mailbox: { name: "mailbox", summary: "Mailboxes: quota and size, mailbox permissions" },
  export: { name: "export", summary: "Mailbox export jobs: start, watch, verify, export every mailbox" },
  migrate: { name: "migrate", summary: "Leave WorkMail: copy mailboxes into any IMAP server, verify the copy, see its ledger" },
  "access-rule": { name: "access-rule", aliases: ["access-rules"], summary: "Access control rules: who may reach mailboxes, by protocol, IP range, user and role" },
  "mobile-rule": { name: "mobile-rule", aliases: ["mobile-rules"], summary: "Mobile device access rules for ActiveSync devices: by type, model, OS and user agent" },
  "mobile-override": { name: "mobile-override", aliases: ["mobile-overrides"], summary: "Mobile device access overrides: allow or deny one user's device whatever the rules say" },
  "impersonation-role": { name: "impersonation-role", aliases: ["imp-role", "impersonation-roles"], summary: "Impersonation roles: programmatic EWS access to users' mailboxes, with rules" },
  retention: { name: "retention", summary: "Mailbox retention policy: delete old messages by folder" },
  dmarc: { name: "dmarc", summary: "Inbound DMARC enforcement: show, enable, disable" },
  monitoring: { name: "monitoring", aliases: ["event-logging"], summary: "Email event logging (CloudWatch Logs): show, enable, disable" },
  availability: { name: "availability", summary: "Availability (free/busy) providers for external domains: EWS or a Lambda CAP" },
  "identity-center": { name: "identity-center", aliases: ["idc"], summary: "The WorkMail application in IAM Identity Center: create, delete" },
  idp: { name: "idp", aliases: ["identity-provider"], summary: "Sign-in through IAM Identity Center and personal access tokens: show, set, delete" },
  token: { name: "token", aliases: ["tokens", "pat"], summary: "Personal access tokens of mailbox users: list, describe, revoke" },
  tag: { name: "tag", aliases: ["tags"], summary: "Tags of the organization: list, add, remove" },
  config: { name: "config", summary: "Profiles: where wmctl connects (backend, region, endpoint, AWS profile, default organization)" },
  local: { name: "local", summary: "The embedded simulator: clock, state, serving it to other tools" },
} as const satisfies Readonly<Record<string, NounMeta>>;
