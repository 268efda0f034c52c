import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/spawn-cli.js";

/**
 * `wmctl completion bash|zsh|fish`: each script is loaded into the real shell and asked for
 * completions the way the shell asks on TAB (bash: COMP_WORDS + the registered function; zsh: the
 * same function through bashcompinit; fish: `complete -C`). .ci/run installs zsh and fish.
 */
const home = mkdtempSync(join(tmpdir(), "wmctl-completion-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ["bash", "zsh", "fish"]) {
    const r = await spawnCli(["completion", shell], { env });
    expect(r.code, r.stderr).toBe(0);
    scripts[shell] = join(home, `wmctl.${shell}`);
    writeFileSync(scripts[shell], r.stdout);
  }
  for (const args of [["quickstart"], ["user", "list"], ["group", "list"], ["domain", "list"]]) {
    const r = await spawnCli(args, { env });
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

/** What bash offers for the words typed so far (the last word is the one being completed). */
function bash(...words: string[]): string[] {
  const script = `source ${JSON.stringify(scripts.bash)}
complete -p wmctl >/dev/null || exit 9
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_wmctl
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return lines(
    execFileSync("bash", ["--norc", "--noprofile", "-c", script], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    }),
  );
}

function fish(line: string): string[] {
  return lines(
    execFileSync(
      "fish",
      ["--no-config", "-c", `source ${JSON.stringify(scripts.fish)}; complete -C ${JSON.stringify(line)}`],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    ),
  ).map((l) => l.split("\t")[0] as string);
}

function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}

describe("wmctl completion", () => {
  it("refuses an unknown shell with exit 2 and names the ones it knows", async () => {
    const r = await spawnCli(["completion", "tcsh"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no completion for shell "tcsh"');
    expect(r.stderr).toContain("bash, zsh, fish");
  });

  it("shows how to install it in its help", async () => {
    const r = await spawnCli(["completion", "--help"], { env });
    expect(r.stdout).toContain("source <(wmctl completion bash)");
    expect(r.stdout).toContain("~/.config/fish/completions/wmctl.fish");
  });

  describe("in bash", () => {
    it("completes nouns, noun aliases and verbs", () => {
      expect(bash("wmctl", "us")).toEqual(["user"]);
      expect(bash("wmctl", "users", "dis")).toEqual(["disable"]);
      expect(bash("wmctl", "export", "")).toEqual(expect.arrayContaining(["start", "list", "all", "verify"]));
    });

    it("completes a verb's own flags and the global ones", () => {
      const flags = bash("wmctl", "user", "list", "--");
      expect(flags).toEqual(expect.arrayContaining(["--state", "--prefix", "--org", "--output", "--fields"]));
      expect(flags).not.toContain("--password-stdin");
      expect(bash("wmctl", "user", "create", "--password-s")).toEqual(["--password-stdin"]);
    });

    it("completes enum values after a flag, also written --flag=value", () => {
      expect(bash("wmctl", "user", "list", "--state", "")).toEqual(["ENABLED", "DISABLED", "DELETED"]);
      expect(bash("wmctl", "user", "list", "--state", "=", "DI")).toEqual(["DISABLED"]);
      expect(bash("wmctl", "-o", "n")).toEqual(["ndjson"]);
      expect(bash("wmctl", "--backend", "")).toEqual(["local", "aws"]);
    });

    it("completes user, group and domain names from the last listing, without starting wmctl", () => {
      expect(bash("wmctl", "user", "describe", "")).toEqual(
        expect.arrayContaining(["alice", "bob", "alice@quickstart.awsapps.com"]),
      );
      expect(bash("wmctl", "--org", "quickstart", "user", "disable", "b")).toEqual([
        "bob",
        "bob@quickstart.awsapps.com",
      ]);
      expect(bash("wmctl", "group", "members", "")).toEqual(expect.arrayContaining(["team"]));
      expect(bash("wmctl", "domain", "verify", "")).toEqual(expect.arrayContaining(["quickstart.awsapps.com"]));
    });

    it("skips a flag's value when counting arguments", () => {
      // `--fields name` must not count as the first argument of `user describe`.
      expect(bash("wmctl", "user", "describe", "--fields", "name", "al")).toEqual([
        "alice",
        "alice@quickstart.awsapps.com",
      ]);
    });

    it("completes file names where a command takes files", () => {
      const offered = bash("wmctl", "local", "deliver", "--to", "alice", join(home, "wmctl.b"));
      expect(offered).toEqual([scripts.bash]);
    });
  });

  it("refreshes the cached names when a listing runs, and keeps them when a filtered one does", async () => {
    expect(
      (
        await spawnCli(["user", "create", "carol", "--display-name", "Carol", "--password-stdin"], {
          env,
          stdin: "Passw0rd!Passw0rd\n",
        })
      ).code,
    ).toBe(0);
    expect(bash("wmctl", "user", "describe", "car")).toEqual([]);
    expect((await spawnCli(["user", "list", "--prefix", "c"], { env })).code).toBe(0);
    expect(readFileSync(join(home, "completion", "users"), "utf8")).toMatch(/^alice$[\s\S]*^carol$/m);
    expect(bash("wmctl", "user", "describe", "car")).toContain("carol");
  });

  it("works in zsh through bashcompinit", () => {
    const out = execFileSync(
      "zsh",
      [
        "-f",
        "-c",
        `source ${JSON.stringify(scripts.zsh)}
print -r -- "registered: \${_comps[wmctl]}"
COMP_WORDS=(wmctl user list --state ''); COMP_CWORD=4; COMPREPLY=(); _wmctl; print -r -- "state: \${COMPREPLY[*]}"
COMP_WORDS=(wmctl users disable b); COMP_CWORD=3; COMPREPLY=(); _wmctl; print -r -- "users: \${COMPREPLY[*]}"`,
      ],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    );
    expect(out).toContain("registered: _bash_complete -F _wmctl");
    // zsh filters by the typed prefix itself; the function must offer the right set.
    expect(out).toMatch(/^state: ENABLED\s+DISABLED\s+DELETED$/m);
    expect(out).toMatch(/^users: .*\bbob\b/m);
  });

  it("works in fish", () => {
    expect(fish("wmctl us")).toEqual(["user"]);
    expect(fish("wmctl user list --state ")).toEqual(["DELETED", "DISABLED", "ENABLED"]);
    expect(fish("wmctl user list --state=DI")).toEqual(["--state=DISABLED"]);
    expect(fish("wmctl user describe b")).toEqual(["bob", "bob@quickstart.awsapps.com"]);
    expect(fish("wmctl user list --pre")).toEqual(["--prefix"]);
  });
});
