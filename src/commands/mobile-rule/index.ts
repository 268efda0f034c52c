import { defineGroup } from "../../cli/define-command.js";
import { mobileRuleCreateCommand } from "./create.js";
import { mobileRuleDeleteCommand } from "./delete.js";
import { mobileRuleListCommand } from "./list.js";
import { mobileRuleTestCommand } from "./test.js";
import { mobileRuleUpdateCommand } from "./update.js";

export const mobileRuleGroup = defineGroup({
  name: "mobile-rule",
  aliases: ["mobile-rules"],
  summary: "Mobile device access rules for ActiveSync devices: by type, model, OS and user agent",
  commands: [mobileRuleListCommand, mobileRuleCreateCommand, mobileRuleUpdateCommand, mobileRuleDeleteCommand, mobileRuleTestCommand],
});
