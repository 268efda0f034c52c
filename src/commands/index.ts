import type { AnySpec } from "../cli/define-command.js";
import { accessRuleGroup } from "./access-rule/index.js";
import { aliasGroup } from "./alias/index.js";
import { autodiscoverGroup } from "./autodiscover/index.js";
import { availabilityGroup } from "./availability/index.js";
import { configGroup } from "./config/index.js";
import { dmarcGroup } from "./dmarc/index.js";
import { domainGroup } from "./domain/index.js";
import { exportGroup } from "./export/index.js";
import { groupGroup } from "./group/index.js";
import { identityCenterGroup } from "./identity-center/index.js";
import { idpGroup } from "./idp/index.js";
import { impersonationRoleGroup } from "./impersonation-role/index.js";
import { localGroup } from "./local/index.js";
import { mailboxGroup } from "./mailbox/index.js";
import { mobileOverrideGroup } from "./mobile-override/index.js";
import { mobileRuleGroup } from "./mobile-rule/index.js";
import { monitoringGroup } from "./monitoring/index.js";
import { orgGroup } from "./org/index.js";
import { quickstartCommand } from "./quickstart/index.js";
import { resourceGroup } from "./resource/index.js";
import { retentionGroup } from "./retention/index.js";
import { setupCommand } from "./setup/setup.js";
import { tagGroup } from "./tag/index.js";
import { tokenGroup } from "./token/index.js";
import { userGroup } from "./user/index.js";
import { whoisCommand } from "./whois/index.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs), in help order. */
export const COMMANDS: readonly AnySpec[] = [
  quickstartCommand,
  setupCommand,
  // Organizations and identities (issue #2)
  orgGroup,
  userGroup,
  groupGroup,
  resourceGroup,
  aliasGroup,
  whoisCommand,
  // Mail domains (issue #4)
  domainGroup,
  autodiscoverGroup,
  // Mailboxes and export (issue #5)
  mailboxGroup,
  exportGroup,
  // Policies and settings (issue #6)
  accessRuleGroup,
  mobileRuleGroup,
  mobileOverrideGroup,
  impersonationRoleGroup,
  retentionGroup,
  dmarcGroup,
  monitoringGroup,
  availabilityGroup,
  identityCenterGroup,
  idpGroup,
  tokenGroup,
  tagGroup,
  // wmctl itself
  configGroup,
  localGroup,
];
