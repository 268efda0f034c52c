import { lazyCommand, type LazySpec } from "../cli/define-command.js";
import { NOUNS } from "./nouns.js";

/**
 * The command tree: one entry per top-level command, loaded when argv names it (each noun's
 * index.ts lists its verbs). In help order.
 */
export const COMMANDS: readonly LazySpec[] = [
  lazyCommand(NOUNS.quickstart, async () => (await import("./quickstart/index.js")).quickstartCommand),
  lazyCommand(NOUNS.setup, async () => (await import("./setup/setup.js")).setupCommand),
  // Organizations and identities (issue #2)
  lazyCommand(NOUNS.org, async () => (await import("./org/index.js")).orgGroup),
  lazyCommand(NOUNS.apply, async () => (await import("./apply/apply.js")).applyCommand),
  lazyCommand(NOUNS.user, async () => (await import("./user/index.js")).userGroup),
  lazyCommand(NOUNS.group, async () => (await import("./group/index.js")).groupGroup),
  lazyCommand(NOUNS.resource, async () => (await import("./resource/index.js")).resourceGroup),
  lazyCommand(NOUNS.alias, async () => (await import("./alias/index.js")).aliasGroup),
  lazyCommand(NOUNS.bulk, async () => (await import("./bulk/index.js")).bulkGroup),
  lazyCommand(NOUNS.whois, async () => (await import("./whois/index.js")).whoisCommand),
  // Mail domains (issue #4)
  lazyCommand(NOUNS.domain, async () => (await import("./domain/index.js")).domainGroup),
  lazyCommand(NOUNS.autodiscover, async () => (await import("./autodiscover/index.js")).autodiscoverGroup),
  // Mailboxes and export (issue #5)
  lazyCommand(NOUNS.mailbox, async () => (await import("./mailbox/index.js")).mailboxGroup),
  lazyCommand(NOUNS.export, async () => (await import("./export/index.js")).exportGroup),
  // Policies and settings (issue #6)
  lazyCommand(NOUNS["access-rule"], async () => (await import("./access-rule/index.js")).accessRuleGroup),
  lazyCommand(NOUNS["mobile-rule"], async () => (await import("./mobile-rule/index.js")).mobileRuleGroup),
  lazyCommand(NOUNS["mobile-override"], async () => (await import("./mobile-override/index.js")).mobileOverrideGroup),
  lazyCommand(
    NOUNS["impersonation-role"],
    async () => (await import("./impersonation-role/index.js")).impersonationRoleGroup,
  ),
  lazyCommand(NOUNS.retention, async () => (await import("./retention/index.js")).retentionGroup),
  lazyCommand(NOUNS.dmarc, async () => (await import("./dmarc/index.js")).dmarcGroup),
  lazyCommand(NOUNS.monitoring, async () => (await import("./monitoring/index.js")).monitoringGroup),
  lazyCommand(NOUNS.availability, async () => (await import("./availability/index.js")).availabilityGroup),
  lazyCommand(NOUNS["identity-center"], async () => (await import("./identity-center/index.js")).identityCenterGroup),
  lazyCommand(NOUNS.idp, async () => (await import("./idp/index.js")).idpGroup),
  lazyCommand(NOUNS.token, async () => (await import("./token/index.js")).tokenGroup),
  lazyCommand(NOUNS.tag, async () => (await import("./tag/index.js")).tagGroup),
  // Leaving WorkMail (issue #9)
  lazyCommand(NOUNS.migrate, async () => (await import("./migrate/index.js")).migrateGroup),
  // wmctl itself
  lazyCommand(NOUNS.config, async () => (await import("./config/index.js")).configGroup),
  lazyCommand(NOUNS.local, async () => (await import("./local/index.js")).localGroup),
];
