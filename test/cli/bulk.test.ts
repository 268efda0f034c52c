import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/backend/password-policy.js";
import { CliHarness } from "../helpers/run-cli.js";

interface UserJson {
  name: string;
  email?: string;
  state: string;
  jobTitle?: string;
  department?: string;
  aliases?: string[];
  groups?: string[];
}

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("group create sales");
});
afterEach(() => cli.cleanup());

const file = (name: string, text: string) => {
  const path = join(cli.home, name);
  writeFileSync(path, text);
  return path;
};
const csvRows = (path: string) => readFileSync(path, "utf8").trim().split("\n");

const ONBOARD =
  "name,email,displayName,jobTitle,department,aliases,groups,quota\n" +
  "alice,,Alice Adams,Engineer,R&D,al;ally,sales,2GB\n" +
  "bob,bob@acme.awsapps.com,Bob Brown,,,,,\n";

describe("wmctl bulk create", () => {
  it("onboards a spreadsheet: users with attributes, aliases, groups and quota; passwords to a 0600 file; a report", async () => {
    const from = file("users.csv", ONBOARD);
    const report = join(cli.home, "report.csv");
    const pw = join(cli.home, "passwords.csv");
    const r = await cli.run(["bulk", "create", "--from", from, "--report", report, "--passwords-out", pw]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("✓ bulk create: 2 rows: 2 create; this run 2 rows");
    const alice = await cli.json<UserJson>("user describe alice");
    expect(alice).toMatchObject({
      state: "ENABLED",
      email: "alice@acme.awsapps.com",
      jobTitle: "Engineer",
      department: "R&D",
      groups: ["sales"],
    });
    expect(alice.aliases).toEqual(["al@acme.awsapps.com", "ally@acme.awsapps.com"]);
    expect(await cli.json("mailbox describe alice")).toMatchObject({ quotaMegabytes: 2048 });
    expect(csvRows(report)[0]).toBe("row,key,action,outcome,error,message");
    expect(
      csvRows(report)
        .slice(1)
        .map((l) => l.split(",").slice(0, 4).join(",")),
    ).toEqual(["1,alice,create,ok", "2,bob,create,ok"]);
    expect(statSync(pw).mode & 0o777).toBe(0o600);
    const lines = csvRows(pw);
    expect(lines[0]).toBe("row,name,password");
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[1])
        .sort(),
    ).toEqual(["alice", "bob"]);
    for (const l of lines.slice(1)) expect(passwordProblem(l.split(",")[2] ?? "")).toBeUndefined();
    expect(r.stdout + r.stderr).not.toContain(lines[1]?.split(",")[2]);
  });

  it("a re-run of the same command skips the rows done (the ledger beside the report)", async () => {
    const from = file("users.csv", ONBOARD);
    const report = join(cli.home, "report.jsonl");
    const args = ["bulk", "create", "--from", from, "--report", report, "--passwords-out", join(cli.home, "pw.csv")];
    await cli.ok(args);
    expect(existsSync(`${report}.ledger.jsonl`)).toBe(true);
    const again = await cli.ok(args);
    expect(again.stderr).toContain("resuming from");
    expect(again.stderr).toContain("2 rows done before, 0 to do");
    expect(again.stderr).toContain("this run 0 rows");
    const lines = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { row: number; outcome: string });
    expect(lines.map((l) => [l.row, l.outcome])).toEqual([
      [1, "ok"],
      [2, "ok"],
    ]);
    // --restart does every row again: the composite create reuses the users ("skip").
    const restart = await cli.ok([...args, "--restart", "-o", "json"]);
    expect(restart.stderr).toContain("2 rows: 2 skip");
  });

  it("--dry-run prints the plan per row and changes nothing", async () => {
    await cli.ok("user create bob --generate-password");
    const from = file("users.csv", ONBOARD);
    const r = await cli.ok(["bulk", "create", "--from", from, "--dry-run", "--fields", "row,key,action,outcome"]);
    expect(r.stdout).toBe("1\talice\tcreate\tplanned\n2\tbob\tskip\tplanned\n");
    const json = await cli.json<Array<{ message: string }>>(["bulk", "create", "--from", from, "--dry-run"]);
    expect(json[0]?.message).toContain("CreateUser alice");
    expect(json[0]?.message).toContain("AssociateMemberToGroup sales member=alice");
    expect((await cli.run("user describe alice")).code).toBe(5);
  });

  it("refuses the whole file (exit 2) when any row is invalid, and changes nothing", async () => {
    const from = file("users.csv", "name,role,password\ncarol,USER,Passw0rd!\ndave,boss,short\ncarol,USER,Passw0rd!\n");
    const r = await cli.run(["bulk", "create", "--from", from, "--fields", "row,key,outcome,message"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      '2\tdave\tinvalid\trole "boss" is not USER or REMOTE_USER; password: The password must be at least 8 characters long.\n' +
        "3\tcarol\tinvalid\tthe same carol as row 1\n",
    );
    expect(r.stderr).toContain("error: bulk create: 2 of 3 rows are invalid; nothing was changed");
    expect((await cli.run("user describe carol")).code).toBe(5);
    const dry = await cli.run(["bulk", "create", "--from", from, "--dry-run"]);
    expect(dry.code).toBe(2);
  });

  it("fails the rows the service refuses (exit 1), does the others, and says which in the report", async () => {
    const from = file("users.csv", "name,email,password\nerin,erin@nowhere.example,Passw0rd!\nfrank,,Passw0rd!\n");
    const report = join(cli.home, "r.csv");
    const r = await cli.run(["bulk", "create", "--from", from, "--report", report]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1\terin\terror\tfailed\tMailDomainNotFoundException\t");
    expect(r.stderr).toContain("error: bulk create: 1 of 2 rows failed");
    expect((await cli.run("user describe erin")).code).toBe(5);
    expect((await cli.json<UserJson>("user describe frank")).state).toBe("ENABLED");
    expect(csvRows(report)[1]).toMatch(/^1,erin,error,failed,MailDomainNotFoundException,/);
  });

  it("names the organization in a row's error as the single command does: by alias, then id", async () => {
    const from = file("ghost.csv", "name,jobTitle\nghost,Boss\n");
    const report = join(cli.home, "ghost-report.csv");
    const r = await cli.run(["bulk", "update", "--from", from, "--report", report, "--yes"]);
    expect(r.code).toBe(1);
    const single = await cli.run("user describe ghost");
    const [, id] = /organization acme \((m-[0-9a-f]+)\)/.exec(single.stderr) ?? [];
    expect(id).toBeDefined();
    expect(r.stdout).toContain(`\tNotFoundError\tno user "ghost" in organization acme (${id})`);
    expect(csvRows(report)[1]).toContain(`no user ""ghost"" in organization acme (${id})`);
  });

  it("reads a Microsoft 365 export and JSON Lines from standard input", async () => {
    const m365 = file(
      "m365.csv",
      "Block credential,Display name,First name,Last name,Title,State,User principal name,Proxy addresses\n" +
        "False,Gina Green,Gina,Green,CFO,WA,gina@acme.awsapps.com,SMTP:gina@acme.awsapps.com+smtp:g.green@acme.awsapps.com\n" +
        "True,Hal Hill,Hal,Hill,,OR,hal@acme.awsapps.com,\n",
    );
    await cli.ok(["bulk", "create", "--from", m365, "--passwords-out", join(cli.home, "pw.csv")]);
    expect(await cli.json<UserJson>("user describe gina")).toMatchObject({
      state: "ENABLED",
      jobTitle: "CFO",
      aliases: ["g.green@acme.awsapps.com"],
    });
    expect((await cli.json<UserJson>("user describe hal")).state).toBe("DISABLED");
    const jsonl =
      '{"name":"ivy","password":"Passw0rd!","groups":["sales"]}\n{"name":"jay","password":"Passw0rd!","hidden":true}\n';
    await cli.ok(["bulk", "create", "--from", "-"], { stdin: jsonl });
    expect((await cli.json<UserJson>("user describe ivy")).groups).toEqual(["sales"]);
  });

  it("names the missing column and the --map that fixes it", async () => {
    const from = file("x.csv", "person,address\nkim,kim@acme.awsapps.com\n");
    const r = await cli.run(["bulk", "disable", "--from", from]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: bulk disable: no column for user");
    const mapped = await cli.run([
      "bulk",
      "create",
      "--from",
      from,
      "--map",
      "person=name",
      "--map",
      "address=email",
      "--dry-run",
      "--fields",
      "key,action",
    ]);
    expect(mapped.stdout).toBe("kim\tcreate\n");
  });
});

describe("wmctl bulk: the other verbs", () => {
  beforeEach(async () => {
    for (const u of ["ann", "ben", "cat"]) await cli.ok(`user create ${u} --generate-password`);
  });

  it("adds and removes group members, aliases and mailbox permissions; sets quotas", async () => {
    await cli.ok(["bulk", "add-member", "--from", file("m.csv", "group,member\nsales,ann\nsales,ben;cat\n")]);
    expect((await cli.json<Array<{ name: string }>>("group members sales")).map((m) => m.name).sort()).toEqual([
      "ann",
      "ben",
      "cat",
    ]);
    await cli.ok(["bulk", "remove-member", "--from", file("rm.csv", "group,member\nsales,cat\n"), "--yes"]);
    expect((await cli.json<Array<{ name: string }>>("group members sales")).map((m) => m.name).sort()).toEqual([
      "ann",
      "ben",
    ]);
    await cli.ok(["bulk", "add-alias", "--from", file("a.csv", "entity,alias\nann,annie\nsales,team\n")]);
    expect((await cli.json<{ name: string }>("whois team@acme.awsapps.com")).name).toBe("sales");
    await cli.ok([
      "bulk",
      "grant",
      "--from",
      file("g.csv", "mailbox,grantee,permissions\nann,ben,FULL_ACCESS;SEND_AS\n"),
    ]);
    expect(await cli.json("mailbox permissions list ann")).toMatchObject([
      { grantee: "ben", permissions: "FULL_ACCESS,SEND_AS" },
    ]);
    await cli.ok(["bulk", "set-quota", "--from", file("q.csv", "mailbox,quota\nann,3GB\n")]);
    expect(await cli.json("mailbox describe ann")).toMatchObject({ quotaMegabytes: 3072 });
  });

  it("disable, delete and other destructive verbs need --yes without a terminal", async () => {
    const from = file("d.csv", "user\ncat\n");
    const r = await cli.run(["bulk", "disable", "--from", from]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("confirmation needed");
    await cli.ok(["bulk", "disable", "--from", from, "--yes"]);
    expect((await cli.json<UserJson>("user describe cat")).state).toBe("DISABLED");
    const again = await cli.ok(["bulk", "disable", "--from", from, "--yes", "--restart"]);
    expect(again.stderr).toContain("1 rows: 1 skip");
  });

  it("resets passwords: generated ones go to the passwords file only", async () => {
    const pw = join(cli.home, "new.csv");
    const r = await cli.ok([
      "bulk",
      "reset-password",
      "--from",
      file("p.csv", "user\nann\nben\n"),
      "--passwords-out",
      pw,
    ]);
    const lines = csvRows(pw).slice(1);
    expect(lines.map((l) => l.split(",")[1]).sort()).toEqual(["ann", "ben"]);
    for (const l of lines) expect(r.stdout + r.stderr).not.toContain(l.split(",")[2]);
  });

  it("offboards: hands the leaver's mailbox permissions to the manager, leaves groups, disables", async () => {
    await cli.ok("group add-member sales ann");
    await cli.ok("mailbox permissions grant cat ann -p FULL_ACCESS");
    const r = await cli.run([
      "bulk",
      "offboard",
      "--from",
      file("o.csv", "user,manager\nann,ben\n"),
      "--yes",
      "--export",
    ]);
    expect(r.stderr).toBe(r.code === 0 ? r.stderr : "");
    expect((await cli.json<UserJson>("user describe ann")).state).toBe("DISABLED");
    expect(await cli.json("group members sales")).toEqual([]);
    expect(await cli.json("mailbox permissions list cat")).toMatchObject([
      { grantee: "ben", permissions: "FULL_ACCESS" },
    ]);
    expect(
      (await cli.json<Array<{ mailbox: string; state: string }>>("export list")).map((j) => [j.mailbox, j.state]),
    ).toEqual([["ann", "COMPLETED"]]);
  });
});

describe("wmctl bulk: interruption, progress and throttling", () => {
  it("Ctrl-C stops taking rows, exits 130, and the same command then does the rest", async () => {
    const lines = ["name,password"];
    for (let i = 0; i < 40; i++) lines.push(`p${i},Passw0rd!${i}`);
    const from = file("many.csv", lines.join("\n") + "\n");
    const report = join(cli.home, "r.csv");
    const args = ["bulk", "create", "--from", from, "--report", report, "--concurrency", "4"];
    // Ctrl-C once four rows are done (the ledger says so).
    const afterFour = async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 2));
        const ledger = existsSync(`${report}.ledger.jsonl`) ? readFileSync(`${report}.ledger.jsonl`, "utf8") : "";
        if (ledger.split("\n").filter((l) => l.startsWith('{"t":"done"')).length >= 4) return "SIGINT";
      }
    };
    const r = await cli.run(args, { interrupted: afterFour });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("interrupted (SIGINT): run the same command again to continue");
    const done = (await cli.json<UserJson[]>("user list")).length;
    expect(done).toBeGreaterThanOrEqual(4);
    expect(done).toBeLessThan(40);
    expect(r.stderr).toContain(`${40 - done} not run yet`);
    expect(csvRows(report).filter((l) => l.includes(",pending,"))).toHaveLength(40 - done);
    const again = await cli.ok(args);
    expect(again.stderr).toContain(`${done} rows done before, ${40 - done} to do`);
    expect(await cli.json<UserJson[]>("user list")).toHaveLength(40);
    expect(
      csvRows(report)
        .slice(1)
        .every((l) => l.includes(",ok,")),
    ).toBe(true);
  });

  it("shows a progress bar with rate and ETA on a terminal only", async () => {
    const from = file("two.csv", "name,password\nq1,Passw0rd!1\nq2,Passw0rd!2\n");
    const tty = await cli.run(["bulk", "create", "--from", from], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/bulk create \[.*\] \d+\/\d+ rows \| [\d.]+ rows\/s \| ETA\s+\S+ \| 0 failed/);
    const piped = await cli.run(["bulk", "create", "--from", from, "--restart"]);
    expect(piped.stderr).not.toContain("ETA");
  });
});
