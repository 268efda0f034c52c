import { defineGroup } from "../../cli/define-command.js";
import { retentionDeleteCommand } from "./delete.js";
import { retentionSetCommand } from "./set.js";
import { retentionShowCommand } from "./show.js";
import { NOUNS } from "../nouns.js";

export const retentionGroup = defineGroup({
  ...NOUNS.retention,
  commands: [retentionShowCommand, retentionSetCommand, retentionDeleteCommand],
});
