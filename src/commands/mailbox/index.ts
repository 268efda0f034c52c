import { defineGroup } from "../../cli/define-command.js";
import { mailboxDescribeCommand } from "./describe.js";
import { mailboxPermissionsGroup } from "./permissions/index.js";
import { mailboxSetQuotaCommand } from "./set-quota.js";
import { NOUNS } from "../nouns.js";

export const mailboxGroup = defineGroup({
  ...NOUNS.mailbox,
  commands: [mailboxDescribeCommand, mailboxSetQuotaCommand, mailboxPermissionsGroup],
});
