import type { AnySpec } from "../cli/define-command.js";
import { aliasGroup } from "./alias/index.js";
import { configGroup } from "./config/index.js";
import { groupGroup } from "./group/index.js";
import { localGroup } from "./local/index.js";
import { orgGroup } from "./org/index.js";
import { quickstartCommand } from "./quickstart/index.js";
import { resourceGroup } from "./resource/index.js";
import { userGroup } from "./user/index.js";
import { whoisCommand } from "./whois/index.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs). */
export const COMMANDS: readonly AnySpec[] = [quickstartCommand, orgGroup, userGroup, groupGroup, resourceGroup, aliasGroup, whoisCommand, configGroup, localGroup];
