import { defineGroup } from "../../cli/define-command.js";
import { accessRuleDeleteCommand } from "./delete.js";
import { accessRuleListCommand } from "./list.js";
import { accessRulePutCommand } from "./put.js";
import { accessRuleTestCommand } from "./test.js";
import { NOUNS } from "../nouns.js";

export const accessRuleGroup = defineGroup({
  ...NOUNS["access-rule"],
  commands: [accessRuleListCommand, accessRulePutCommand, accessRuleDeleteCommand, accessRuleTestCommand],
});
