import { defineGroup } from "../../cli/define-command.js";
import { tokenDeleteCommand } from "./delete.js";
import { tokenDescribeCommand } from "./describe.js";
import { tokenListCommand } from "./list.js";

export const tokenGroup = defineGroup({
  name: "token",
  aliases: ["tokens", "pat"],
  summary: "Personal access tokens of mailbox users: list, describe, revoke",
  commands: [tokenListCommand, tokenDescribeCommand, tokenDeleteCommand],
});
