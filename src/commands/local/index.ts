import { defineGroup } from "../../cli/define-command.js";
import { localAdvanceCommand } from "./advance.js";
import { localCaCommand } from "./ca.js";
import { localVerificationDnsCommand } from "./verification-dns.js";

export const localGroup = defineGroup({
  name: "local",
  summary: "The embedded simulator: clock, state, serving it to other tools",
  commands: [localAdvanceCommand, localCaCommand, localVerificationDnsCommand],
});
