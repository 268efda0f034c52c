import { defineGroup } from "../../cli/define-command.js";
import { configGetCommand } from "./get.js";
import { configListCommand } from "./list.js";
import { configPathCommand } from "./path.js";
import { configProfilesCommand } from "./profiles.js";
import { configSetCommand } from "./set.js";
import { configUnsetCommand } from "./unset.js";
import { configUseCommand } from "./use.js";

export const configGroup = defineGroup({
  name: "config",
  summary: "Profiles: where wmctl connects (backend, region, endpoint, AWS profile, default organization)",
  commands: [configListCommand, configGetCommand, configSetCommand, configUnsetCommand, configUseCommand, configProfilesCommand, configPathCommand],
});
