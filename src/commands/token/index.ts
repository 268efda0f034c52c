import { defineGroup } from "../../cli/define-command.js";
import { tokenDeleteCommand } from "./delete.js";
import { tokenDescribeCommand } from "./describe.js";
import { tokenListCommand } from "./list.js";
import { NOUNS } from "../nouns.js";

export const tokenGroup = defineGroup({
  ...NOUNS.token,
  commands: [tokenListCommand, tokenDescribeCommand, tokenDeleteCommand],
});
