import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

describe("wmctl config", () => {
  it("stores profiles in a 0600 file, never secrets, and lists them", async () => {
    await cli.ok("--profile prod config set backend aws");
    await cli.ok("--profile prod config set awsProfile corp-admin");
    await cli.ok("--profile prod config set region eu-west-1");
    const file = join(cli.home, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).profiles.prod).toEqual({
      backend: "aws",
      awsProfile: "corp-admin",
      region: "eu-west-1",
    });
    const list = await cli.ok("--profile prod config list");
    expect(list.stdout).toBe("backend\taws\nregion\teu-west-1\nawsProfile\tcorp-admin\n");
    const profiles = await cli.json<Array<{ name: string; current: boolean; backend: string }>>("config profiles");
    expect(profiles.map((p) => [p.name, p.current, p.backend])).toEqual([
      ["default", true, "local"],
      ["prod", false, "aws"],
    ]);
  });

  it("gets one value for scripts, and exits 5 when it is not set", async () => {
    await cli.ok("config set region us-west-2");
    expect((await cli.ok("config get region")).stdout).toBe("us-west-2\n");
    const r = await cli.run("config get endpointUrl");
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      "error: endpointUrl is not set (not in profile default, and no flag or variable gives it)\nhint: set it: wmctl config set endpointUrl VALUE\n",
    );
  });

  it("shows the effective value and where it comes from (issue #11 item 14)", async () => {
    const byDefault = await cli.ok("config get backend");
    expect(byDefault.stdout).toBe("local\n");
    expect(byDefault.stderr).toBe("(from default)\n");
    const fromEnv = await cli.ok("config get backend", { env: { WMCTL_BACKEND: "aws" } });
    expect(fromEnv.stdout).toBe("aws\n");
    expect(fromEnv.stderr).toBe("(from WMCTL_BACKEND)\n");
    expect((await cli.ok("--endpoint-url http://127.0.0.1:1 config get backend")).stderr).toBe(
      "(from --endpoint-url (implies aws))\n",
    );
    await cli.ok("config set region eu-west-1");
    expect((await cli.ok("config get region")).stderr).toBe("(from profile default)\n");
    expect((await cli.ok("--region ap-south-1 config get region")).stdout).toBe("ap-south-1\n");
    expect((await cli.ok("config get output")).stdout).toBe("table\n");
  });

  it("rejects unknown keys and invalid values with exit 2 and writes nothing", async () => {
    const unknown = await cli.run("config set secretAccessKey abc");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown setting "secretAccessKey"');
    const bad = await cli.run("config set region mars-1");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: region: "mars-1" is not a valid value: expected AWS region, e.g. us-east-1\nhint: see every key and what it takes: wmctl config list --all\n',
    );
    // The allowed values are listed (issue #11 item 13).
    const backend = await cli.run("config set backend gcp");
    expect(backend.code).toBe(2);
    expect(backend.stderr).toContain('error: backend: "gcp" is not allowed: use one of local, aws\n');
    const badInt = await cli.run("config set maxAttempts lots");
    expect(badInt.code).toBe(2);
    expect((await cli.ok("config list")).stdout).toBe("");
  });

  it("switches the current profile, and refuses an unknown one", async () => {
    await cli.ok("--profile prod config set region eu-west-1");
    await cli.ok("config use prod");
    expect((await cli.ok("config get region")).stdout).toBe("eu-west-1\n");
    const r = await cli.run("config use nosuch");
    expect(r.code).toBe(5);
  });

  it("refuses to act through a profile that does not exist (a typo must not fall back to defaults)", async () => {
    const r = await cli.run("--profile prdo org list");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no profile named "prdo"');
  });

  it("unsets a key", async () => {
    await cli.ok("config set region us-west-2");
    await cli.ok("config unset region");
    const r = await cli.ok("config get region");
    expect(r.stdout + r.stderr).toBe("us-east-1\n(from default of the local backend)\n");
  });
});
