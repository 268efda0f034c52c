import { defineGroup } from "../../cli/define-command.js";
import { availabilityCreateCommand } from "./create.js";
import { availabilityDeleteCommand } from "./delete.js";
import { availabilityListCommand } from "./list.js";
import { availabilityTestCommand } from "./test.js";
import { availabilityUpdateCommand } from "./update.js";

export const availabilityGroup = defineGroup({
  name: "availability",
  summary: "Availability (free/busy) providers for external domains: EWS or a Lambda CAP",
  commands: [availabilityListCommand, availabilityCreateCommand, availabilityUpdateCommand, availabilityDeleteCommand, availabilityTestCommand],
});
