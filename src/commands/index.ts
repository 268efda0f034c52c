import type { AnySpec } from "../cli/define-command.js";
import { exportGroup } from "./export/index.js";
import { localGroup } from "./local/index.js";
import { mailboxGroup } from "./mailbox/index.js";
import { orgGroup } from "./org/index.js";

/** The command tree: one entry per noun (each noun's index.ts lists its verbs). */
export const COMMANDS: readonly AnySpec[] = [orgGroup, mailboxGroup, exportGroup, localGroup];
