import { defineGroup } from "../../cli/define-command.js";
import { resourceAddDelegateCommand } from "./add-delegate.js";
import { resourceCreateCommand } from "./create.js";
import { resourceDelegatesCommand } from "./delegates.js";
import { resourceDeleteCommand } from "./delete.js";
import { resourceDescribeCommand } from "./describe.js";
import { resourceDisableCommand } from "./disable.js";
import { resourceEnableCommand } from "./enable.js";
import { resourceListCommand } from "./list.js";
import { resourceRemoveDelegateCommand } from "./remove-delegate.js";
import { resourceUpdateCommand } from "./update.js";
import { NOUNS } from "../nouns.js";

export const resourceGroup = defineGroup({
  ...NOUNS.resource,
  commands: [
    resourceCreateCommand,
    resourceListCommand,
    resourceDescribeCommand,
    resourceUpdateCommand,
    resourceEnableCommand,
    resourceDisableCommand,
    resourceDeleteCommand,
    resourceDelegatesCommand,
    resourceAddDelegateCommand,
    resourceRemoveDelegateCommand,
  ],
});
