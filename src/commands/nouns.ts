/**
 * What `wmctl --help` shows of each top-level command, known without loading it: commands are
 * loaded only when argv names them (src/cli/command-tree.ts), so startup stays fast. Each command
 * spreads its entry into its own spec, so the two never differ.
 */
export interface NounMeta {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  /** Where `wmctl --help` lists it (issue #11 item 12). */
  readonly group: NounGroup;
}

/** The groups of `wmctl --help`, in this order, with their headings. */
export const NOUN_GROUPS = {
  start: "Start here and wmctl itself",
  directory: "Directory: organizations, users, groups, resources, addresses",
  domains: "Mail domains and DNS",
  mailboxes: "Mailboxes and export",
  policies: "Policies and settings",
  bulk: "Bulk work and desired state",
  leaving: "Leaving WorkMail",
} as const;
type NounGroup = keyof typeof NOUN_GROUPS;

export const NOUNS = {
  quickstart: {
    name: "quickstart",
    summary: "Create a small organization on the local simulator and show it (a two-minute tour)",
    group: "start",
  },
  setup: {
    name: "setup",
    summary: "Set up WorkMail step by step: organization, domain, DNS records, verification, first user",
    group: "start",
  },
  org: {
    name: "org",
    aliases: ["organization"],
    summary: "Organizations: create, list, describe, delete, pick the default, inventory and restore",
    group: "directory",
  },
  apply: {
    name: "apply",
    summary: "Make an organization match a document (JSON or YAML, the inventory format): plan, apply, prune",
    group: "bulk",
  },
  user: {
    name: "user",
    aliases: ["users"],
    summary: "Users: create, list, describe, update, enable, disable, delete, reset passwords",
    group: "directory",
  },
  group: {
    name: "group",
    aliases: ["groups"],
    summary: "Groups: distribution lists and security groups, their members",
    group: "directory",
  },
  resource: {
    name: "resource",
    aliases: ["resources"],
    summary: "Resources: rooms and equipment, their booking options and delegates",
    group: "directory",
  },
  alias: {
    name: "alias",
    aliases: ["aliases"],
    summary: "Email aliases of users, groups and resources: add, remove, list",
    group: "directory",
  },
  bulk: {
    name: "bulk",
    summary:
      "Bulk work from CSV or JSON Lines: create, update, offboard ... many users at once, with a report and resume",
    group: "bulk",
  },
  whois: {
    name: "whois",
    summary: "Find who has an email address, name or id: user, group or resource",
    group: "directory",
  },
  domain: {
    name: "domain",
    aliases: ["domains"],
    summary: "Mail domains: add, publish records (Route 53), verify DNS, set the default",
    group: "domains",
  },
  autodiscover: {
    name: "autodiscover",
    summary: "AutoDiscover: test how Outlook and phones find a domain's mail settings",
    group: "domains",
  },
  mailbox: { name: "mailbox", summary: "Mailboxes: quota and size, mailbox permissions", group: "mailboxes" },
  export: {
    name: "export",
    summary: "Mailbox export jobs: start, watch, verify, export every mailbox",
    group: "mailboxes",
  },
  "access-rule": {
    name: "access-rule",
    aliases: ["access-rules"],
    summary: "Access control rules: who may reach mailboxes, by protocol, IP range, user and role",
    group: "policies",
  },
  "mobile-rule": {
    name: "mobile-rule",
    aliases: ["mobile-rules"],
    summary: "Mobile device access rules for ActiveSync devices: by type, model, OS and user agent",
    group: "policies",
  },
  "mobile-override": {
    name: "mobile-override",
    aliases: ["mobile-overrides"],
    summary: "Mobile device access overrides: allow or deny one user's device whatever the rules say",
    group: "policies",
  },
  "impersonation-role": {
    name: "impersonation-role",
    aliases: ["imp-role", "impersonation-roles"],
    summary: "Impersonation roles: programmatic EWS access to users' mailboxes, with rules",
    group: "policies",
  },
  retention: {
    name: "retention",
    summary: "Mailbox retention policy: delete old messages by folder",
    group: "policies",
  },
  dmarc: { name: "dmarc", summary: "Inbound DMARC enforcement: show, enable, disable", group: "policies" },
  monitoring: {
    name: "monitoring",
    aliases: ["event-logging"],
    summary: "Email event logging (CloudWatch Logs): show, enable, disable",
    group: "policies",
  },
  availability: {
    name: "availability",
    summary: "Availability (free/busy) providers for external domains: EWS or a Lambda CAP",
    group: "policies",
  },
  "identity-center": {
    name: "identity-center",
    aliases: ["idc"],
    summary: "The WorkMail application in IAM Identity Center: create, list, describe, delete",
    group: "policies",
  },
  idp: {
    name: "idp",
    aliases: ["identity-provider"],
    summary: "Sign-in through IAM Identity Center and personal access tokens: show, set, delete",
    group: "policies",
  },
  token: {
    name: "token",
    aliases: ["tokens", "pat"],
    summary: "Personal access tokens of mailbox users: list, describe, revoke",
    group: "policies",
  },
  tag: { name: "tag", aliases: ["tags"], summary: "Tags of the organization: list, add, remove", group: "policies" },
  migrate: {
    name: "migrate",
    summary:
      "Leave WorkMail: plan the move to Microsoft 365, Google or IMAP, copy the mail, verify it, follow its status",
    group: "leaving",
  },
  config: {
    name: "config",
    summary: "Profiles: where wmctl connects (backend, region, endpoint, AWS profile, default organization)",
    group: "start",
  },
  local: { name: "local", summary: "The embedded simulator: clock, state, serving it to other tools", group: "start" },
} as const satisfies Readonly<Record<string, NounMeta>>;
