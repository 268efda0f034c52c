import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

describe("wmctl quickstart", () => {
  it("creates an organization with two users, a group and a room, and lists them", async () => {
    const r = await cli.ok("quickstart");
    expect(r.stdout).toBe(
      "user\talice\talice@quickstart.awsapps.com\tENABLED\n" +
        "user\tbob\tbob@quickstart.awsapps.com\tENABLED\n" +
        "group\tteam\tteam@quickstart.awsapps.com\tENABLED\n" +
        "room\troom-1\troom-1@quickstart.awsapps.com\tENABLED\n",
    );
    expect(r.stderr).toContain("Next steps:");
    const members = await cli.json<Array<{ name: string }>>("group members team");
    expect(members.map((m) => m.name).sort()).toEqual(["alice", "bob"]);
    // The organization became the profile's default: plain commands act on it.
    expect((await cli.json<{ alias: string }>("org describe")).alias).toBe("quickstart");
  });

  it("is safe to re-run: nothing is created twice", async () => {
    await cli.ok("quickstart");
    const again = await cli.ok("quickstart -o json");
    expect(again.stderr).toContain("Reusing organization quickstart");
    expect(JSON.parse(again.stdout)).toHaveLength(4);
    expect(await cli.json<unknown[]>("org list")).toHaveLength(1);
  });

  it("shows the plan without changing anything under --dry-run", async () => {
    const r = await cli.ok("quickstart --alias demo --dry-run");
    expect(r.stdout).toContain("would CreateOrganization demo");
    expect(await cli.json<unknown[]>("org list")).toEqual([]);
  });
});
