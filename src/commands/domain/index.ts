import { defineGroup } from "../../cli/define-command.js";
import { domainAddCommand } from "./add.js";
import { domainApplyCommand } from "./apply.js";
import { domainDescribeCommand } from "./describe.js";
import { domainListCommand } from "./list.js";
import { domainRecordsCommand } from "./records.js";
import { domainRemoveCommand } from "./remove.js";
import { domainSetDefaultCommand } from "./set-default.js";
import { domainVerifyCommand } from "./verify.js";
import { NOUNS } from "../nouns.js";

export const domainGroup = defineGroup({
  ...NOUNS.domain,
  commands: [
    domainAddCommand,
    domainListCommand,
    domainDescribeCommand,
    domainRecordsCommand,
    domainApplyCommand,
    domainVerifyCommand,
    domainSetDefaultCommand,
    domainRemoveCommand,
  ],
});
