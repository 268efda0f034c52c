import { defineGroup } from "../../cli/define-command.js";
import { mailboxDescribeCommand } from "./describe.js";
import { mailboxPermissionsGroup } from "./permissions/index.js";
import { mailboxSetQuotaCommand } from "./set-quota.js";

export const mailboxGroup = defineGroup({
  name: "mailbox",
  summary: "Mailboxes: quota and size, mailbox permissions",
  commands: [mailboxDescribeCommand, mailboxSetQuotaCommand, mailboxPermissionsGroup],
});
