import { defineGroup } from "../../cli/define-command.js";
import { accessRuleDeleteCommand } from "./delete.js";
import { accessRuleListCommand } from "./list.js";
import { accessRulePutCommand } from "./put.js";
import { accessRuleTestCommand } from "./test.js";

export const accessRuleGroup = defineGroup({
  name: "access-rule",
  aliases: ["access-rules"],
  summary: "Access control rules: who may reach mailboxes, by protocol, IP range, user and role",
  commands: [accessRuleListCommand, accessRulePutCommand, accessRuleDeleteCommand, accessRuleTestCommand],
});
