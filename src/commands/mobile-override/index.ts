import { defineGroup } from "../../cli/define-command.js";
import { mobileOverrideDeleteCommand } from "./delete.js";
import { mobileOverrideGetCommand } from "./get.js";
import { mobileOverrideListCommand } from "./list.js";
import { mobileOverridePutCommand } from "./put.js";
import { NOUNS } from "../nouns.js";

export const mobileOverrideGroup = defineGroup({
  ...NOUNS["mobile-override"],
  commands: [
    mobileOverrideListCommand,
    mobileOverridePutCommand,
    mobileOverrideGetCommand,
    mobileOverrideDeleteCommand,
  ],
});
