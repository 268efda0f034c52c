import { defineGroup } from "../../cli/define-command.js";
import { autodiscoverCheckCommand } from "./check.js";
import { NOUNS } from "../nouns.js";

export const autodiscoverGroup = defineGroup({
  ...NOUNS.autodiscover,
  commands: [autodiscoverCheckCommand],
});
