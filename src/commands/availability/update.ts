import { defineCommand } from "../../cli/define-command.js";
import { availabilityRecordOutput, PROVIDER_HELP, PROVIDER_OPTIONS, saveProvider } from "./view.js";

export const availabilityUpdateCommand = defineCommand({
  name: "update",
  summary: "Replace a domain's availability provider (the EWS password must be given again)",
  description: PROVIDER_HELP,
  examples: [
    "wmctl availability update corp.example.com --ews-url https://mail2.corp.example.com/EWS/Exchange.asmx --ews-user svc@corp.example.com --password-file pw.txt",
  ],
  args: [{ name: "domain", describe: "the external domain" }],
  options: PROVIDER_OPTIONS,
  output: availabilityRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    await saveProvider(ctx, opts.domain, opts, { update: true, dryRun: opts.dryRun });
  },
});
