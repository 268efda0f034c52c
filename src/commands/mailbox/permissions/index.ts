import { defineGroup } from "../../../cli/define-command.js";
import { mailboxPermissionsGrantCommand } from "./grant.js";
import { mailboxPermissionsListCommand } from "./list.js";
import { mailboxPermissionsRevokeCommand } from "./revoke.js";

export const mailboxPermissionsGroup = defineGroup({
  name: "permissions",
  aliases: ["perms"],
  summary: "Mailbox permissions: list, grant, revoke",
  commands: [mailboxPermissionsListCommand, mailboxPermissionsGrantCommand, mailboxPermissionsRevokeCommand],
});
