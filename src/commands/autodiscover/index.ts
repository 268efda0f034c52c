import { defineGroup } from "../../cli/define-command.js";
import { autodiscoverCheckCommand } from "./check.js";

export const autodiscoverGroup = defineGroup({
  name: "autodiscover",
  summary: "AutoDiscover: test how Outlook and phones find a domain's mail settings",
  commands: [autodiscoverCheckCommand],
});
