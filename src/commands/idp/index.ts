import { defineGroup } from "../../cli/define-command.js";
import { idpDeleteCommand } from "./delete.js";
import { idpSetCommand } from "./set.js";
import { idpShowCommand } from "./show.js";

export const idpGroup = defineGroup({
  name: "idp",
  aliases: ["identity-provider"],
  summary: "Sign-in through IAM Identity Center and personal access tokens: show, set, delete",
  commands: [idpShowCommand, idpSetCommand, idpDeleteCommand],
});
