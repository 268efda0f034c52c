import { defineGroup } from "../../cli/define-command.js";
import { monitoringDisableCommand } from "./disable.js";
import { monitoringEnableCommand } from "./enable.js";
import { monitoringShowCommand } from "./show.js";

export const monitoringGroup = defineGroup({
  name: "monitoring",
  aliases: ["event-logging"],
  summary: "Email event logging (CloudWatch Logs): show, enable, disable",
  commands: [monitoringShowCommand, monitoringEnableCommand, monitoringDisableCommand],
});
