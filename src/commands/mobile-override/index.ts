import { defineGroup } from "../../cli/define-command.js";
import { mobileOverrideDeleteCommand } from "./delete.js";
import { mobileOverrideGetCommand } from "./get.js";
import { mobileOverrideListCommand } from "./list.js";
import { mobileOverridePutCommand } from "./put.js";

export const mobileOverrideGroup = defineGroup({
  name: "mobile-override",
  aliases: ["mobile-overrides"],
  summary: "Mobile device access overrides: allow or deny one user's device whatever the rules say",
  commands: [mobileOverrideListCommand, mobileOverridePutCommand, mobileOverrideGetCommand, mobileOverrideDeleteCommand],
});
