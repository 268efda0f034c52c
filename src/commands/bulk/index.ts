import { defineGroup } from "../../cli/define-command.js";
import { BULK_VERBS } from "../../bulk/verbs.js";
import { NOUNS } from "../nouns.js";
import { bulkVerbCommand } from "./verb-command.js";

export const bulkGroup = defineGroup({
  ...NOUNS.bulk,
  description:
    "GAM-style bulk work from a spreadsheet: every row is validated first, --dry-run prints the plan per\n" +
    "row, rows run in parallel under one rate limit, --report writes the outcome per row, and a re-run\n" +
    'after Ctrl-C, a crash or kill -9 continues where it stopped. See README "Bulk work".',
  commands: BULK_VERBS.map(bulkVerbCommand),
});
