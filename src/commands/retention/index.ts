import { defineGroup } from "../../cli/define-command.js";
import { retentionDeleteCommand } from "./delete.js";
import { retentionSetCommand } from "./set.js";
import { retentionShowCommand } from "./show.js";

export const retentionGroup = defineGroup({
  name: "retention",
  summary: "Mailbox retention policy: delete old messages by folder",
  commands: [retentionShowCommand, retentionSetCommand, retentionDeleteCommand],
});
