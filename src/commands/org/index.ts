import { defineGroup } from "../../cli/define-command.js";
import { orgCreateCommand } from "./create.js";
import { orgDeleteCommand } from "./delete.js";
import { orgDescribeCommand } from "./describe.js";
import { orgInventoryCommand } from "./inventory.js";
import { orgListCommand } from "./list.js";
import { orgRestoreCommand } from "./restore.js";
import { orgUseCommand } from "./use.js";
import { NOUNS } from "../nouns.js";

export const orgGroup = defineGroup({
  ...NOUNS.org,
  commands: [
    orgCreateCommand,
    orgListCommand,
    orgDescribeCommand,
    orgDeleteCommand,
    orgUseCommand,
    orgInventoryCommand,
    orgRestoreCommand,
  ],
});
