import { defineGroup } from "../../cli/define-command.js";
import { tagAddCommand } from "./add.js";
import { tagListCommand } from "./list.js";
import { tagRemoveCommand } from "./remove.js";
import { NOUNS } from "../nouns.js";

export const tagGroup = defineGroup({
  ...NOUNS.tag,
  commands: [tagListCommand, tagAddCommand, tagRemoveCommand],
});
