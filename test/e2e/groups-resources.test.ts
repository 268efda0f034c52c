import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/spawn-cli.js";

// Each test gets its own store and organization, so either can run alone (-t).
let home: string;
const wmctl = (...args: string[]) => spawnCli(args, { env: { WMCTL_HOME: home } });
beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), "wmctl-e2e-groups-"));
  expect((await wmctl("org", "create", "e2egroups")).code).toBe(0);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe("groups and resources through the built wmctl binary", () => {
  it("builds nested groups and a delegated room, then lists, updates and deletes them", async () => {
    expect((await wmctl("group", "create", "facilities")).code).toBe(0);
    expect((await wmctl("group", "create", "All Staff", "--member", "facilities")).code).toBe(0);

    const members = await wmctl("group", "members", "all-staff@e2egroups.awsapps.com", "--recursive", "-o", "ndjson");
    expect(members.code).toBe(0);
    expect(
      members.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as { name: string; via: string }),
    ).toEqual([expect.objectContaining({ name: "facilities", type: "GROUP", via: "All Staff", depth: 1 })]);

    const room = await wmctl(
      "resource",
      "create",
      "board-room",
      "--type",
      "room",
      "--no-auto-accept",
      "--delegate",
      "facilities",
      "--json",
    );
    expect(room.code).toBe(0);
    expect(JSON.parse(room.stdout)).toMatchObject({
      name: "board-room",
      state: "ENABLED",
      autoAcceptRequests: false,
      delegates: ["facilities"],
    });

    // The booking rule holds over the wire of the CLI too: the last delegate can go (with a warning).
    const removed = await wmctl("resource", "remove-delegate", "board-room", "facilities");
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain("! board-room has no delegate left and does not accept requests automatically");

    const cycle = await wmctl("group", "add-member", "facilities", "All Staff");
    expect(cycle.code).toBe(2);
    expect(cycle.stderr.split("\n")[0]).toBe(
      "error: InvalidParameterException: Adding All Staff to facilities would create a membership cycle: facilities is already a member of All Staff.",
    );
    expect(cycle.stderr).not.toMatch(/\bat .*\.js:\d+/);

    expect((await wmctl("group", "delete", "facilities", "--yes")).code).toBe(0);
    const after = await wmctl("group", "list", "--fields", "name,state");
    expect(after.stdout).toBe("facilities\tDELETED\nAll Staff\tENABLED\n");
    expect((await wmctl("group", "members", "All Staff")).stdout).toBe("");
  });

  it("answers a booking rule violation with the service's error, a hint and exit code 6", async () => {
    const r = await wmctl("resource", "create", "van-1", "--type", "equipment");
    expect(r.code).toBe(0);
    const bad = await wmctl("resource", "update", "van-1", "--no-auto-accept");
    expect(bad.code).toBe(6);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(
      "error: InvalidConfigurationException: The resource van-1 must either be able to auto-respond to requests or have at least one delegate; associate a delegate before turning AutoAcceptRequests off.\n" +
        "hint: add a delegate first: wmctl resource add-delegate van-1 USER_OR_GROUP\n",
    );
    const help = await wmctl("resource", "update", "--help");
    expect(help.stdout).toContain("--no-auto-accept");
    expect(help.stdout).toContain("--decline-recurring");
  });
});
