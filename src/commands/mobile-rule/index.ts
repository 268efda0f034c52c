import { defineGroup } from "../../cli/define-command.js";
import { mobileRuleCreateCommand } from "./create.js";
import { mobileRuleDeleteCommand } from "./delete.js";
import { mobileRuleListCommand } from "./list.js";
import { mobileRuleTestCommand } from "./test.js";
import { mobileRuleUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const mobileRuleGroup = defineGroup({
  ...NOUNS["mobile-rule"],
  commands: [
    mobileRuleListCommand,
    mobileRuleCreateCommand,
    mobileRuleUpdateCommand,
    mobileRuleDeleteCommand,
    mobileRuleTestCommand,
  ],
});
