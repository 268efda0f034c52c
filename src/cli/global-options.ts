import { Option, type Command } from "commander";
import { OUTPUT_FORMATS } from "../output/format.js";

/** The global flags (DESIGN.md, issue #2); each has a WMCTL_ environment twin (help environment). */
export function addGlobalOptions(program: Command): void {
  program
    .addOption(new Option("--profile <name>", "named profile from `wmctl config` (env WMCTL_PROFILE)"))
    .addOption(
      new Option("--backend <kind>", "local (embedded simulator, the default) or aws (env WMCTL_BACKEND)").choices([
        "local",
        "aws",
      ]),
    )
    .addOption(new Option("--region <region>", "AWS region (env WMCTL_REGION)"))
    .addOption(
      new Option(
        "--endpoint-url <url>",
        "Endpoint for every service wmctl uses (WorkMail, Route 53, S3), e.g. a served simulator; implies --backend aws (env WMCTL_ENDPOINT_URL)",
      ),
    )
    .addOption(new Option("--org <alias|id>", "organization to act on (env WMCTL_ORG; default: `wmctl org use`)"))
    .addOption(new Option("-o, --output <format>", `output format: ${OUTPUT_FORMATS.join(", ")} (env WMCTL_OUTPUT)`))
    .addOption(new Option("--json", "same as --output json"))
    .addOption(new Option("--fields <list>", "comma-separated fields to print, in this order"))
    .addOption(new Option("--sort <field>", "sort a list by this field (FIELD:desc for descending)"))
    .addOption(new Option("--wide", "tables as wide as their content: nothing shortened, wrapped or left out"))
    .addOption(new Option("-y, --yes", "confirm destructive actions without a prompt (env WMCTL_YES)"))
    .addOption(new Option("--no-input", "never prompt; fail naming the missing flag instead (env WMCTL_NO_INPUT)"))
    .addOption(new Option("-q, --quiet", "drop status lines on stderr (env WMCTL_QUIET)"))
    .addOption(new Option("--debug", "show stack traces and wire requests (env WMCTL_DEBUG)"))
    .addOption(new Option("--no-color", "no colour (also NO_COLOR, TERM=dumb)"));
}
