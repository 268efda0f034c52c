import { defineGroup } from "../../cli/define-command.js";
import { identityCenterCreateCommand } from "./create.js";
import { identityCenterDeleteCommand } from "./delete.js";

export const identityCenterGroup = defineGroup({
  name: "identity-center",
  aliases: ["idc"],
  summary: "The WorkMail application in IAM Identity Center: create, delete",
  commands: [identityCenterCreateCommand, identityCenterDeleteCommand],
});
