import type { AnySpec } from "../cli/define-command.js";
import { domainGroup } from "./domain/index.js";
import { localGroup } from "./local/index.js";
import { orgGroup } from "./org/index.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs). */
export const COMMANDS: readonly AnySpec[] = [orgGroup, domainGroup, localGroup];
