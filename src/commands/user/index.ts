import { defineGroup } from "../../cli/define-command.js";
import { userCreateCommand } from "./create.js";
import { userDeleteCommand } from "./delete.js";
import { userDescribeCommand } from "./describe.js";
import { userDisableCommand } from "./disable.js";
import { userEnableCommand } from "./enable.js";
import { userListCommand } from "./list.js";
import { userResetPasswordCommand } from "./reset-password.js";
import { userUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const userGroup = defineGroup({
  ...NOUNS.user,
  commands: [
    userCreateCommand,
    userListCommand,
    userDescribeCommand,
    userUpdateCommand,
    userEnableCommand,
    userDisableCommand,
    userDeleteCommand,
    userResetPasswordCommand,
  ],
});
