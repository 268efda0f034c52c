import { defineGroup } from "../../cli/define-command.js";
import { aliasAddCommand } from "./add.js";
import { aliasListCommand } from "./list.js";
import { aliasRemoveCommand } from "./remove.js";
import { NOUNS } from "../nouns.js";

export const aliasGroup = defineGroup({
  ...NOUNS.alias,
  commands: [aliasAddCommand, aliasRemoveCommand, aliasListCommand],
});
