import { defineGroup } from "../../cli/define-command.js";
import { availabilityCreateCommand } from "./create.js";
import { availabilityDeleteCommand } from "./delete.js";
import { availabilityListCommand } from "./list.js";
import { availabilityTestCommand } from "./test.js";
import { availabilityUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const availabilityGroup = defineGroup({
  ...NOUNS.availability,
  commands: [
    availabilityListCommand,
    availabilityCreateCommand,
    availabilityUpdateCommand,
    availabilityDeleteCommand,
    availabilityTestCommand,
  ],
});
