import { defineGroup } from "../../cli/define-command.js";
import { roleAssumeCommand } from "./assume.js";
import { roleCreateCommand } from "./create.js";
import { roleDeleteCommand } from "./delete.js";
import { roleDescribeCommand } from "./describe.js";
import { roleListCommand } from "./list.js";
import { roleTestCommand } from "./test.js";
import { roleUpdateCommand } from "./update.js";

export const impersonationRoleGroup = defineGroup({
  name: "impersonation-role",
  aliases: ["imp-role", "impersonation-roles"],
  summary: "Impersonation roles: programmatic EWS access to users' mailboxes, with rules",
  commands: [roleListCommand, roleCreateCommand, roleUpdateCommand, roleDeleteCommand, roleDescribeCommand, roleTestCommand, roleAssumeCommand],
});
