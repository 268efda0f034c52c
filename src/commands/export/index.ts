import { defineGroup } from "../../cli/define-command.js";
import { exportAllCommand } from "./all.js";
import { exportCancelCommand } from "./cancel.js";
import { exportDescribeCommand } from "./describe.js";
import { exportListCommand } from "./list.js";
import { exportPrereqsCommand } from "./prereqs.js";
import { exportStartCommand } from "./start.js";
import { exportVerifyCommand } from "./verify.js";
import { exportWaitCommand } from "./wait.js";
import { NOUNS } from "../nouns.js";

export const exportGroup = defineGroup({
  ...NOUNS.export,
  commands: [
    exportStartCommand,
    exportListCommand,
    exportDescribeCommand,
    exportWaitCommand,
    exportCancelCommand,
    exportVerifyCommand,
    exportAllCommand,
    exportPrereqsCommand,
  ],
});
