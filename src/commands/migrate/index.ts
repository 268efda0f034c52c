import { defineGroup } from "../../cli/define-command.js";
import { NOUNS } from "../nouns.js";
import { migratePlanCommand } from "./plan.js";

export const migrateGroup = defineGroup({
  ...NOUNS.migrate,
  commands: [migratePlanCommand],
});
