import { defineGroup } from "../../cli/define-command.js";
import { dmarcDisableCommand } from "./disable.js";
import { dmarcEnableCommand } from "./enable.js";
import { dmarcShowCommand } from "./show.js";

export const dmarcGroup = defineGroup({
  name: "dmarc",
  summary: "Inbound DMARC enforcement: show, enable, disable",
  commands: [dmarcShowCommand, dmarcEnableCommand, dmarcDisableCommand],
});
