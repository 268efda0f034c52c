import { defineGroup } from "../../cli/define-command.js";
import { tagAddCommand } from "./add.js";
import { tagListCommand } from "./list.js";
import { tagRemoveCommand } from "./remove.js";

export const tagGroup = defineGroup({
  name: "tag",
  aliases: ["tags"],
  summary: "Tags of the organization: list, add, remove",
  commands: [tagListCommand, tagAddCommand, tagRemoveCommand],
});
