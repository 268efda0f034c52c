import { defineGroup } from "../../cli/define-command.js";
import { aliasAddCommand } from "./add.js";
import { aliasListCommand } from "./list.js";
import { aliasRemoveCommand } from "./remove.js";

export const aliasGroup = defineGroup({
  name: "alias",
  aliases: ["aliases"],
  summary: "Email aliases of users, groups and resources: add, remove, list",
  commands: [aliasAddCommand, aliasRemoveCommand, aliasListCommand],
});
