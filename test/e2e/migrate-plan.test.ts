import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/spawn-cli.js";
import { psTokens } from "../unit/migrate/plan-fixture.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-plan-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };
const wmctl = (...args: string[]) => spawnCli(args, { env });
const ok = async (...args: string[]) => {
  const r = await wmctl(...args);
  if (r.code !== 0) throw new Error(`wmctl ${args.join(" ")} exited ${r.code}\n${r.stderr}`);
  return r;
};

describe("migrate plan through the built wmctl binary", () => {
  it("inventories an organization, plans its move to Microsoft 365, and refuses to overwrite other files", async () => {
    const help = await ok("migrate", "--help");
    expect(help.stdout).toContain("plan [options]");
    await ok("org", "create", "e2eplan");
    await ok("user", "create", "zoe", "--generate-password", "--display-name", "Zoë O'Neil $HOME", "--alias", "z");
    await ok("user", "create", "sam", "--generate-password");
    await ok("group", "create", "team", "--member", "zoe,sam");
    await ok("group", "create", "All Staff", "--member", "team");
    await ok("resource", "create", "room-1", "--type", "room", "--delegate", "team", "--no-auto-accept");
    await ok("mailbox", "permissions", "grant", "zoe", "sam", "--permission", "FULL_ACCESS");
    const inv = join(home, "inv");
    await ok("org", "inventory", "--out", inv);

    const out = join(home, "plan");
    const r = await ok(
      "migrate",
      "plan",
      "--to",
      "m365",
      "--from",
      inv,
      "--out",
      out,
      "--map-domain",
      "e2eplan.awsapps.com=e2e.example",
      "--tenant",
      "e2e",
    );
    expect(r.stdout.split("\n")[0]).toBe("mapping.csv\t6 addresses, 0 cannot land\t0600");
    expect(r.stderr).toContain("2 users, 2 groups, 1 resource, 6 addresses (0 cannot land), 3 mailboxes to copy");
    const mapping = parse(readFileSync(join(out, "mapping.csv")), { columns: true }) as Array<Record<string, string>>;
    expect(mapping.map((m) => m.targetAddress).sort()).toEqual([
      "all-staff@e2e.example",
      "room-1@e2e.example",
      "sam@e2e.example",
      "team@e2e.example",
      "z@e2e.example",
      "zoe@e2e.example",
    ]);
    const script = readFileSync(join(out, "provision.ps1"), "utf8");
    const line = (fn: string) =>
      script
        .split("\n")
        .filter((l) => l.startsWith(`${fn} `))
        .map((l) => psTokens(l).slice(1));
    expect(
      line("Add-WmMember")
        .map((c) => c.join(" "))
        .sort(),
    ).toEqual([
      "all-staff@e2e.example team@e2e.example",
      "team@e2e.example sam@e2e.example",
      "team@e2e.example zoe@e2e.example",
    ]);
    const booking = line("Set-WmBooking")[0] ?? [];
    // WorkMail declines conflicting requests by default: no conflicts allowed; recurring requests allowed.
    expect(booking.slice(0, 4)).toEqual(["room-1@e2e.example", "$false", "$false", "$true"]);
    expect((booking[4] as string[]).sort()).toEqual(["sam@e2e.example", "zoe@e2e.example"]);
    expect(line("Grant-WmFullAccess")).toEqual([["zoe@e2e.example", "sam@e2e.example"]]);
    const users = parse(readFileSync(join(out, "users.csv")), { columns: true }) as Array<Record<string, string>>;
    expect(users.find((u) => u["User Name"] === "zoe@e2e.example")?.["Display Name"]).toBe("Zoë O'Neil $HOME");
    expect(statSync(join(out, "users.csv")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(out, "runbook.md"), "utf8")).toContain(`--map ${out}/mailbox-map.csv`);

    const refused = await wmctl("migrate", "plan", "--to", "google", "--out", inv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: --out .*inv is not empty and holds no wmctl migration plan/m);
    expect(readdirSync(inv)).not.toContain("plan.json");
  });
});
