import { defineGroup } from "../../cli/define-command.js";
import { exportAllCommand } from "./all.js";
import { exportCancelCommand } from "./cancel.js";
import { exportDescribeCommand } from "./describe.js";
import { exportListCommand } from "./list.js";
import { exportPrereqsCommand } from "./prereqs.js";
import { exportStartCommand } from "./start.js";
import { exportVerifyCommand } from "./verify.js";
import { exportWaitCommand } from "./wait.js";

export const exportGroup = defineGroup({
  name: "export",
  summary: "Mailbox export jobs: start, watch, verify, export every mailbox",
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
