import { defineGroup } from "../../cli/define-command.js";
import { idpDeleteCommand } from "./delete.js";
import { idpSetCommand } from "./set.js";
import { idpShowCommand } from "./show.js";
import { NOUNS } from "../nouns.js";

export const idpGroup = defineGroup({
  ...NOUNS.idp,
  commands: [idpShowCommand, idpSetCommand, idpDeleteCommand],
});
