import { defineGroup } from "../../cli/define-command.js";
import { configGetCommand } from "./get.js";
import { configListCommand } from "./list.js";
import { configPathCommand } from "./path.js";
import { configProfilesCommand } from "./profiles.js";
import { configSetCommand } from "./set.js";
import { configUnsetCommand } from "./unset.js";
import { configUseCommand } from "./use.js";
import { NOUNS } from "../nouns.js";

export const configGroup = defineGroup({
  ...NOUNS.config,
  commands: [
    configListCommand,
    configGetCommand,
    configSetCommand,
    configUnsetCommand,
    configUseCommand,
    configProfilesCommand,
    configPathCommand,
  ],
});
