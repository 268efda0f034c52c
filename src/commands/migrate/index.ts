import { defineGroup } from "../../cli/define-command.js";
import { NOUNS } from "../nouns.js";
import { migratePlanCommand } from "./plan.js";
import { migrateMailCommand } from "./mail.js";
import { migrateStatusCommand } from "./status.js";
import { migrateVerifyCommand } from "./verify.js";

export const migrateGroup = defineGroup({
  ...NOUNS.migrate,
  commands: [migratePlanCommand, migrateMailCommand, migrateVerifyCommand, migrateStatusCommand],
});
