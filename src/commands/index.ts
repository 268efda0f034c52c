import type { AnySpec } from "../cli/define-command.js";
import { autodiscoverGroup } from "./autodiscover/index.js";
import { domainGroup } from "./domain/index.js";
import { localGroup } from "./local/index.js";
import { orgGroup } from "./org/index.js";
import { setupCommand } from "./setup/setup.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs). */
export const COMMANDS: readonly AnySpec[] = [setupCommand, orgGroup, domainGroup, autodiscoverGroup, localGroup];
