import { defineGroup } from "../../cli/define-command.js";
import { monitoringDisableCommand } from "./disable.js";
import { monitoringEnableCommand } from "./enable.js";
import { monitoringShowCommand } from "./show.js";
import { NOUNS } from "../nouns.js";

export const monitoringGroup = defineGroup({
  ...NOUNS.monitoring,
  commands: [monitoringShowCommand, monitoringEnableCommand, monitoringDisableCommand],
});
