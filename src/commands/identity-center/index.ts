import { defineGroup } from "../../cli/define-command.js";
import { identityCenterCreateCommand } from "./create.js";
import { identityCenterDeleteCommand } from "./delete.js";
import { identityCenterDescribeCommand } from "./describe.js";
import { identityCenterListCommand } from "./list.js";
import { NOUNS } from "../nouns.js";

export const identityCenterGroup = defineGroup({
  ...NOUNS["identity-center"],
  commands: [
    identityCenterCreateCommand,
    identityCenterListCommand,
    identityCenterDescribeCommand,
    identityCenterDeleteCommand,
  ],
});
