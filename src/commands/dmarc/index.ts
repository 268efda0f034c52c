import { defineGroup } from "../../cli/define-command.js";
import { dmarcDisableCommand } from "./disable.js";
import { dmarcEnableCommand } from "./enable.js";
import { dmarcShowCommand } from "./show.js";
import { NOUNS } from "../nouns.js";

export const dmarcGroup = defineGroup({
  ...NOUNS.dmarc,
  commands: [dmarcShowCommand, dmarcEnableCommand, dmarcDisableCommand],
});
