import { defineCommand } from "../../cli/define-command.js";
import { availabilityRecordOutput, PROVIDER_HELP, PROVIDER_OPTIONS, saveProvider } from "./view.js";

export const availabilityCreateCommand = defineCommand({
  name: "create",
  summary: "Add an availability provider for an external domain (EWS or a Lambda CAP)",
  description: PROVIDER_HELP,
  examples: [
    "printf '%s' \"$EWS_PW\" | wmctl availability create corp.example.com --ews-url https://mail.corp.example.com/EWS/Exchange.asmx --ews-user svc@corp.example.com --password-stdin",
    "wmctl availability create gsuite.example.com --lambda-arn arn:aws:lambda:us-east-1:111122223333:function:cap",
  ],
  args: [{ name: "domain", describe: "the external domain whose free/busy WorkMail asks the provider for" }],
  options: PROVIDER_OPTIONS,
  output: availabilityRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    await saveProvider(ctx, opts.domain, opts, { update: false, dryRun: opts.dryRun });
  },
});
