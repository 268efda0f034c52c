import { defineGroup } from "../../cli/define-command.js";
import { roleAssumeCommand } from "./assume.js";
import { roleCreateCommand } from "./create.js";
import { roleDeleteCommand } from "./delete.js";
import { roleDescribeCommand } from "./describe.js";
import { roleListCommand } from "./list.js";
import { roleTestCommand } from "./test.js";
import { roleUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const impersonationRoleGroup = defineGroup({
  ...NOUNS["impersonation-role"],
  commands: [
    roleListCommand,
    roleCreateCommand,
    roleUpdateCommand,
    roleDeleteCommand,
    roleDescribeCommand,
    roleTestCommand,
    roleAssumeCommand,
  ],
});
