import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { COMMANDS } from "../commands/index.js";
import { loadAll } from "./command-tree.js";
import { EXIT_CODE_TABLE } from "../errors/exit-codes.js";
import { ENV_VARS } from "../context/settings.js";
import {
  flagName,
  isGroup,
  type AnyCommandSpec,
  type AnySpec,
  type ArgSpec,
  type OptionSpec,
} from "./define-command.js";
import { addGlobalOptions } from "./global-options.js";
import { VERSION } from "./program.js";

/** roff-escapes text (backslashes, leading dots and quotes, hyphens in flags). */
function esc(s: string): string {
  return s
    .replace(/\\/g, "\\e")
    .replace(/-/g, "\\-")
    .replace(/^([.'])/gm, "\\&$1");
}

function synopsis(path: string, spec: AnyCommandSpec): string {
  const args = ((spec.args ?? []) as readonly ArgSpec[]).map((a) => {
    const n = `${a.name}${a.variadic ? "..." : ""}`;
    return a.required === false ? `[${n}]` : `<${n}>`;
  });
  return [`wmctl ${path}`, ...args, Object.keys(spec.options ?? {}).length || spec.mutating ? "[options]" : ""]
    .filter(Boolean)
    .join(" ");
}

function optionLine(key: string, opt: OptionSpec): [string, string] {
  const value = opt.kind === "boolean" ? "" : ` <${("placeholder" in opt && opt.placeholder) || flagName(key)}>`;
  let text = opt.describe;
  if (opt.kind === "enum") text += ` (${opt.choices.join(", ")})`;
  if ("default" in opt && opt.default !== undefined) text += ` (default: ${String(opt.default)})`;
  if (opt.kind === "list") text += " (repeatable, or comma-separated)";
  return [`${opt.short ? `-${opt.short}, ` : ""}--${flagName(key)}${value}`, text];
}

function section(out: string[], path: string, spec: AnySpec): void {
  if (isGroup(spec)) {
    for (const child of spec.commands) section(out, `${path} ${child.name}`, child);
    return;
  }
  out.push(`.SS "${esc(synopsis(path, spec))}"`, esc(spec.summary) + ".");
  if (spec.aliases?.length) out.push(".br", `Alias: ${esc(spec.aliases.join(", "))}.`);
  if (spec.description) out.push(".PP", esc(spec.description.trim()).replace(/\n/g, "\n.br\n"));
  for (const a of (spec.args ?? []) as readonly ArgSpec[]) out.push(".TP", `\\fI${esc(a.name)}\\fR`, esc(a.describe));
  for (const [key, opt] of Object.entries((spec.options ?? {}) as Record<string, OptionSpec>)) {
    if (opt.hidden) continue;
    const [flags, text] = optionLine(key, opt);
    out.push(".TP", `\\fB${esc(flags)}\\fR`, esc(text));
  }
  if (spec.mutating) out.push(".TP", "\\fB\\-\\-dry\\-run\\fR", "Print what would change, change nothing.");
  if (spec.output) out.push(".PP", `Fields: ${esc(spec.output.fields.join(", "))}.`);
  if (spec.examples?.length) {
    out.push(".PP", "Examples:", ".RS", ".nf");
    for (const e of spec.examples) out.push(esc(`$ ${e}`));
    out.push(".fi", ".RE");
  }
}

/** The whole manual, generated from the command specs (never edited by hand). */
export async function renderManPage(): Promise<string> {
  const commands = await loadAll(COMMANDS);
  const out: string[] = [];
  out.push(
    '.\\" Generated from the command specs by `npm run man`. Do not edit.',
    `.TH WMCTL 1 "" "wmctl ${VERSION}" "User Commands"`,
    ".SH NAME",
    "wmctl \\- the administrator CLI for Amazon WorkMail, with an embedded local simulator",
    ".SH SYNOPSIS",
    "\\fBwmctl\\fR [\\fIglobal options\\fR] \\fIcommand\\fR [\\fIarguments\\fR] [\\fIoptions\\fR]",
    ".SH DESCRIPTION",
    "wmctl administers Amazon WorkMail organizations, users, groups, resources, domains, mailboxes and policies.",
    "It talks to the real service through the AWS SDK (\\fB\\-\\-backend aws\\fR) or, by default, to an embedded",
    "simulator of the service that keeps its state in SQLite and can be served over the WorkMail wire protocol.",
    ".SH GLOBAL OPTIONS",
  );
  const program = new Command("wmctl");
  addGlobalOptions(program);
  for (const o of program.options) out.push(".TP", `\\fB${esc(o.flags)}\\fR`, esc(o.description));
  out.push(".SH COMMANDS");
  for (const spec of commands) section(out, spec.name, spec);
  out.push(".SH ENVIRONMENT");
  for (const v of ENV_VARS)
    out.push(".TP", `\\fB${esc(v.name)}\\fR`, esc(v.flag ? `${v.describe} (${v.flag})` : v.describe));
  out.push(".SH EXIT STATUS");
  for (const r of EXIT_CODE_TABLE) out.push(".TP", `\\fB${r.code}\\fR`, esc(r.meaning));
  out.push(".SH SEE ALSO", "\\fBwmctl help formatting\\fR, \\fBwmctl help environment\\fR, \\fBaws\\fR(1)");
  return out.join("\n") + "\n";
}

export const MAN_PAGE_PATH = new URL("../../man/wmctl.1", import.meta.url);

/** `npm run man`: rewrites man/wmctl.1. */
export async function writeManPage(): Promise<void> {
  writeFileSync(MAN_PAGE_PATH, await renderManPage());
}
