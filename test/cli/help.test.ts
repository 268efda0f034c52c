import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/commands/index.js";
import { NOUN_GROUPS, NOUNS } from "../../src/commands/nouns.js";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

/** The command names listed under each heading of `wmctl --help`. */
function sections(help: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of help.split("\n")) {
    const heading = /^(\S.*):$/.exec(line);
    if (heading) out.set(heading[1] as string, (current = []));
    else if (line === "") current = undefined;
    else {
      const name = /^ {2}([a-z-]+)/.exec(line);
      if (current !== undefined && name) current.push(name[1] as string);
    }
  }
  return out;
}

describe("help (issue #11 item 12)", () => {
  it("wmctl --help lists the commands by job, every noun in its group from nouns.ts", async () => {
    const help = sections((await cli.ok("--help")).stdout);
    expect(help.get(NOUN_GROUPS.directory)).toEqual(["org", "user", "group", "resource", "alias", "whois"]);
    expect(help.get(NOUN_GROUPS.domains)).toEqual(["domain", "autodiscover"]);
    expect(help.get(NOUN_GROUPS.mailboxes)).toEqual(["mailbox", "export"]);
    expect(help.get(NOUN_GROUPS.start)).toEqual(["quickstart", "setup", "config", "local", "help"]);
    expect(help.get(NOUN_GROUPS.policies)).toContain("access-rule");
    expect(help.has("Commands")).toBe(false);
    // Every top-level command is in the group nouns.ts gives it.
    for (const c of COMMANDS)
      expect(help.get(NOUN_GROUPS[NOUNS[c.name as keyof typeof NOUNS].group]), c.name).toContain(c.name);
  });

  it("a command's --help lists the global flags it inherits", async () => {
    const r = await cli.ok("user list --help");
    const inherited = sections(r.stdout).get("Inherited flags (see wmctl --help)");
    expect(inherited).toBeDefined();
    expect(r.stdout).toMatch(/^Inherited flags \(see wmctl --help\):\n {2}--profile <name>/m);
    for (const flag of [
      "--org <alias|id>",
      "-o, --output <format>",
      "--fields <list>",
      "--wide",
      "-y, --yes",
      "--no-input",
      "--debug",
    ]) {
      expect(r.stdout.slice(r.stdout.indexOf("Inherited flags"))).toContain(flag);
    }
    expect(r.stdout).not.toContain("--version");
  });
});
