import { defineGroup } from "../../cli/define-command.js";
import { groupAddMemberCommand } from "./add-member.js";
import { groupCreateCommand } from "./create.js";
import { groupDeleteCommand } from "./delete.js";
import { groupDescribeCommand } from "./describe.js";
import { groupDisableCommand } from "./disable.js";
import { groupEnableCommand } from "./enable.js";
import { groupListCommand } from "./list.js";
import { groupMembersCommand } from "./members.js";
import { groupRemoveMemberCommand } from "./remove-member.js";
import { groupUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const groupGroup = defineGroup({
  ...NOUNS.group,
  commands: [
    groupCreateCommand,
    groupListCommand,
    groupDescribeCommand,
    groupUpdateCommand,
    groupEnableCommand,
    groupDisableCommand,
    groupDeleteCommand,
    groupMembersCommand,
    groupAddMemberCommand,
    groupRemoveMemberCommand,
  ],
});
