import type { AnySpec } from "../cli/define-command.js";
import { aliasGroup } from "./alias/index.js";
import { localGroup } from "./local/index.js";
import { orgGroup } from "./org/index.js";
import { userGroup } from "./user/index.js";
import { whoisCommand } from "./whois/index.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs). */
export const COMMANDS: readonly AnySpec[] = [orgGroup, userGroup, aliasGroup, whoisCommand, localGroup];
