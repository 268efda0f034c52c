import { defineGroup } from "../../cli/define-command.js";
import { localAdvanceCommand } from "./advance.js";
import { localDeliverCommand } from "./deliver.js";

export const localGroup = defineGroup({
  name: "local",
  summary: "The embedded simulator: clock, state, serving it to other tools",
  commands: [localAdvanceCommand, localDeliverCommand],
});
