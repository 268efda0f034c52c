import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/local-backend/operations/entities.js";
import { CliHarness } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

interface UserJson {
  id: string;
  name: string;
  displayName?: string;
  email?: string;
  state: string;
  role: string;
  aliases?: string[];
  groups?: string[];
  password?: string;
  jobTitle?: string;
  hiddenFromGlobalAddressList?: boolean;
}

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
});
afterEach(() => cli.cleanup());

const PW = { stdin: "Passw0rd!\n" };

describe("wmctl user create", () => {
  it("creates, enables with <name>@<default domain> and adds aliases; a generated password is in the result only", async () => {
    const r = await cli.ok("user create bob --display-name 'Bob Smith' --alias bobby --generate-password -o json");
    const u = JSON.parse(r.stdout) as UserJson;
    expect(u).toMatchObject({
      name: "bob",
      displayName: "Bob Smith",
      email: "bob@acme.awsapps.com",
      state: "ENABLED",
      role: "USER",
      aliases: ["bobby@acme.awsapps.com"],
    });
    expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(passwordProblem(u.password ?? "")).toBeUndefined();
    expect(r.stderr).toContain(
      `✓ Created user bob (${u.id})\n✓ Enabled bob as bob@acme.awsapps.com\n✓ Added alias bobby@acme.awsapps.com\n`,
    );
    expect(r.stderr).not.toContain(u.password);
    // Shown once: describing the user never shows it again.
    expect(await cli.json<UserJson>("user describe bob")).not.toHaveProperty("password");
  });

  it("puts the generated password in the piped TSV result too", async () => {
    const r = await cli.ok("user create bob --generate-password --fields name,email,password");
    const [name, email, password] = r.stdout.trimEnd().split("\t");
    expect([name, email]).toEqual(["bob", "bob@acme.awsapps.com"]);
    expect(passwordProblem(password ?? "")).toBeUndefined();
  });

  it("is idempotent: a re-run reuses the user, adds only what is missing and never resets the password", async () => {
    const first = JSON.parse(
      (await cli.ok("user create bob -o json --alias bobby --password-stdin", PW)).stdout,
    ) as UserJson;
    const r = await cli.ok(
      "user create bob -o json --alias bobby --alias robert --display-name Robert --password-stdin",
      PW,
    );
    const again = JSON.parse(r.stdout) as UserJson;
    expect(again.id).toBe(first.id);
    expect(again.aliases).toEqual(["bobby@acme.awsapps.com", "robert@acme.awsapps.com"]);
    expect(again.displayName).toBe("bob");
    expect(r.stderr).toContain(`User bob already exists (${first.id}); reusing it`);
    expect(r.stderr).toContain(
      '! user bob exists and its display name is "bob": not changed (use `wmctl user update bob`)',
    );
    expect(r.stderr).toContain("! user bob exists: its password was not changed (use `wmctl user reset-password bob`)");
    expect(r.stderr).toContain("✓ Added alias robert@acme.awsapps.com\n");
    expect(r.stderr).not.toContain("Added alias bobby");
    // What exists is said first, then what differs from the command line.
    expect(r.stderr.indexOf("already exists")).toBeLessThan(r.stderr.indexOf("display name is"));
    expect((await cli.json<UserJson[]>("user list")).length).toBe(1);
  });

  it("needs a password source without a terminal, naming the flags (exit 2), and creates nothing", async () => {
    const r = await cli.run("user create bob");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: a password is needed for the new user bob, and there is no terminal to ask for it\n" +
        "hint: pass --password-stdin, --password-file or --generate-password (a REMOTE_USER needs none)\n",
    );
    expect(await cli.json("user list")).toEqual([]);
  });

  it("reports a name the service refuses against the name, and creates nothing", async () => {
    const r = await cli.run(["user", "create", "bad name", "--generate-password"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: ValidationException: "bad name" is not a valid user or resource name: use letters \(no accents\), digits and \. _ - only/,
    );
    expect(await cli.json("user list")).toEqual([]);
  });

  it("creates a REMOTE_USER without a password", async () => {
    const u = await cli.json<UserJson>("user create partner --role REMOTE_USER --email partner@acme.awsapps.com");
    expect(u).toMatchObject({ role: "REMOTE_USER", state: "ENABLED", email: "partner@acme.awsapps.com" });
  });

  it("asks twice on a terminal, masked, and refuses two different answers", async () => {
    const prompter = new ScriptedPrompter(["Passw0rd!", "Passw0rd!"]);
    await cli.ok("user create bob", { prompter });
    expect(prompter.asked).toEqual(["Password", "Repeat password"]);
    // A repeat that differs asks again, up to three times (issue #11 item 14).
    const again = new ScriptedPrompter(["Passw0rd!", "Passw0rd?", "Passw0rd!", "Passw0rd!"]);
    const ok = await cli.ok("user create carol", { prompter: again });
    expect(ok.stderr).toContain("! the two passwords differ; try again (2 tries left)\n");
    expect(again.asked).toEqual(["Password", "Repeat password", "Password", "Repeat password"]);
    const r = await cli.run("user create dave", {
      prompter: new ScriptedPrompter(["Passw0rd!", "x", "Passw0rd!", "y", "Passw0rd!", "z"]),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error: the two passwords differed 3 times\nhint: or pass --password-stdin, --password-file or --generate-password\n",
    );
    expect((await cli.json<UserJson[]>("user list")).map((u) => u.name)).toEqual(["bob", "carol"]);
  });

  it("checks the password policy as soon as the password is typed, and asks again", async () => {
    const prompter = new ScriptedPrompter(["short", "alllowercase", "Passw0rd!", "Passw0rd!"]);
    await cli.ok("user create bob", { prompter });
    expect(prompter.refused).toEqual([
      "The password must be at least 8 characters long.",
      "The password must contain characters from three of these groups: uppercase, lowercase, digits, special characters, Latin-1 letters.",
    ]);
    expect(prompter.asked).toEqual(["Password", "Password", "Password", "Repeat password"]);
  });

  it("reads a password file and warns when others can read it", async () => {
    const file = join(cli.home, "pw.txt");
    writeFileSync(file, "Passw0rd!\n");
    chmodSync(file, 0o644);
    const r = await cli.ok(["user", "create", "bob", "--password-file", file]);
    expect(r.stderr).toContain(`! ${file} can be read by other users (mode 644); chmod 600 it`);
    chmodSync(file, 0o600);
    expect((await cli.ok(["user", "create", "carol", "--password-file", file])).stderr).not.toContain("can be read");
  });

  it("reports a password outside the policy with the service's error (exit 2)", async () => {
    const r = await cli.run("user create bob --password-stdin", { stdin: "password" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: InvalidPasswordException: The password must contain characters from three of these groups: uppercase, lowercase, digits, special characters, Latin-1 letters.\n" +
        "hint: use 8 to 63 characters from three of: upper case, lower case, digits, special characters, Latin-1 letters\n",
    );
  });

  it("prints the plan with --dry-run and changes nothing", async () => {
    const r = await cli.ok("user create bob --generate-password --alias bobby --dry-run");
    expect(r.stdout).toBe(
      "would CreateUser bob  displayName=bob role=USER\n" +
        "would RegisterToWorkMail bob  email=bob@acme.awsapps.com\n" +
        "would CreateAlias bob  alias=bobby@acme.awsapps.com\n",
    );
    expect(await cli.json("user list")).toEqual([]);
    const json = await cli.json<{ dryRun: boolean; changes: Array<{ action: string }> }>(
      "user create bob --generate-password --dry-run",
    );
    expect(json.changes.map((c) => c.action)).toEqual(["CreateUser", "RegisterToWorkMail"]);
  });

  it("leaves the user disabled with --disabled", async () => {
    const u = await cli.json<UserJson>("user create bob --disabled --generate-password");
    expect(u.state).toBe("DISABLED");
    expect(u.email).toBeUndefined();
  });

  it("checks the address's domain before the first change: user create bob2 --email bob2@unknown-domain.example leaves nothing behind", async () => {
    const r = await cli.run("user create bob2 --email bob2@unknown-domain.example --password-stdin", PW);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(
      "error: MailDomainNotFoundException: unknown-domain.example is not a mail domain of this organization (for bob2@unknown-domain.example)\n",
    );
    expect(r.stderr).toContain(
      "hint: add the domain first: wmctl domain add unknown-domain.example, or pass another --email\n",
    );
    expect(await cli.json("user list --state DISABLED")).toEqual([]);
    expect((await cli.run("user describe bob2")).code).toBe(5);
    const u = await cli.json<UserJson>("user create bob2 --email robert --password-stdin", PW);
    expect(u).toMatchObject({ state: "ENABLED", email: "robert@acme.awsapps.com" });
  });

  it("refuses an address someone else has (exit 6) with a whois hint, and creates nothing", async () => {
    await cli.ok("user create alice --alias team --generate-password");
    const r = await cli.run("user create bob --email team@acme.awsapps.com --generate-password");
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(
      "error: EmailAddressInUseException: team@acme.awsapps.com is already in use by user alice\n",
    );
    expect(r.stderr).toContain("hint: see who has it: wmctl whois team@acme.awsapps.com, or pass another --email\n");
    expect((await cli.run("user describe bob")).code).toBe(5);
    const alias = await cli.run("user create bob --alias team --generate-password");
    expect(alias.code).toBe(6);
    expect(alias.stderr).toContain("pass another --alias");
    expect((await cli.run("user describe bob")).code).toBe(5);
  });

  it("checks the password against the policy before it creates anything", async () => {
    const r = await cli.run("user create bob --password-stdin --group nosuch", { stdin: "password" });
    expect(r.code).toBe(5);
    const weak = await cli.run("user create bob --password-stdin", { stdin: "short" });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("InvalidPasswordException: The password must be at least 8 characters long.");
    expect((await cli.run("user describe bob")).code).toBe(5);
  });

  it("undoes what it made when a later step fails, unless --keep-partial", async () => {
    await cli.ok("group create sales");
    // The service refuses a quota over 50 GB only at UpdateMailboxQuota, after the user was created,
    // enabled, given an alias and put in a group.
    const r = await cli.run("user create dave --alias davey --group sales --quota 60000 --generate-password");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "user dave: a step failed, so this run's changes were undone (remove dave from sales, remove alias davey@acme.awsapps.com, disable dave, delete user dave)",
    );
    expect((await cli.json<UserJson[]>("user list")).map((u) => u.name)).not.toContain("dave");
    expect(await cli.json("group members sales")).toEqual([]);
    expect((await cli.run("whois davey@acme.awsapps.com")).code).toBe(5);

    const kept = await cli.run("user create dave --alias davey --quota 60000 --generate-password --keep-partial");
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain("user dave: kept what this run did (--keep-partial)");
    expect(await cli.json<UserJson>("user describe dave")).toMatchObject({
      state: "ENABLED",
      email: "dave@acme.awsapps.com",
    });
  });

  it("8 parallel creates of one name on one store all succeed: a user created meanwhile is reused", async () => {
    await cli.ok("group create sales");
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        cli.run("user create racer --generate-password --alias speedy --group sales --fields name,email,state"),
      ),
    );
    expect(runs.map((r) => (r.code === 0 ? 0 : r.stderr))).toEqual(Array(8).fill(0));
    expect(runs.filter((r) => r.stderr.includes("created meanwhile")).length).toBeGreaterThan(0);
    const users = await cli.json<UserJson[]>("user list");
    expect(users.filter((u) => u.name === "racer")).toHaveLength(1);
    expect((await cli.json<Array<{ name: string }>>("group members sales")).map((m) => m.name)).toEqual(["racer"]);
  });

  it("adds the user to groups given by name, once", async () => {
    await cli.ok("group create sales");
    const u = await cli.json<UserJson>("user create bob --group sales --generate-password");
    expect(u.groups).toEqual(["sales"]);
    const r = await cli.ok("user create bob --group sales");
    expect(r.stderr).not.toContain("Added bob to group");
    expect((await cli.json<UserJson>("user describe bob")).groups).toEqual(["sales"]);
  });

  it("shows every group of a reused user in the result, not only the ones just asked for", async () => {
    await cli.ok("group create eng");
    await cli.ok("group create sales");
    await cli.ok("user create bob --group eng --generate-password");
    expect((await cli.json<UserJson>("user create bob --group sales")).groups).toEqual(["eng", "sales"]);
  });

  it("fails before changing anything when a --group does not exist (exit 5)", async () => {
    const r = await cli.run("user create bob --group nosuch --generate-password");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no group "nosuch" in organization acme \(m-[0-9a-f]{32}\)\nhint: see `wmctl group list`\n$/,
    );
    expect(await cli.json("user list")).toEqual([]);
  });
});

describe("wmctl user list", () => {
  beforeEach(async () => {
    await cli.ok("user create ann --display-name 'Ann Lee' --generate-password");
    await cli.ok("user create anna --generate-password");
    await cli.ok("user create bob --display-name 'Bob Smith' --generate-password");
    await cli.ok("user create Andy --role REMOTE_USER");
    await cli.ok("user disable bob --yes");
  });

  it("prints a table with a header on a terminal", async () => {
    const r = await cli.ok("user list", { tty: true });
    expect(r.stdout).toBe(
      [
        "NAME  EMAIL                  STATE     ROLE",
        "ann   ann@acme.awsapps.com   ENABLED   USER",
        "anna  anna@acme.awsapps.com  ENABLED   USER",
        "bob   bob@acme.awsapps.com   DISABLED  USER",
        "Andy  andy@acme.awsapps.com  ENABLED   REMOTE_USER",
        "",
      ].join("\n"),
    );
  });

  it("prints tab-separated rows without a header when piped", async () => {
    const r = await cli.ok("user list --fields name,state");
    expect(r.stdout).toBe("ann\tENABLED\nanna\tENABLED\nbob\tDISABLED\nAndy\tENABLED\n");
  });

  it("filters by state, name, display name and email prefix, case-sensitively, and combines them", async () => {
    const names = async (flags: string) =>
      (await cli.ok(`user list ${flags} --fields name`)).stdout.trim().split("\n").filter(Boolean);
    expect(await names("--state DISABLED")).toEqual(["bob"]);
    expect(await names("--prefix an")).toEqual(["ann", "anna"]);
    expect(await names("--prefix An")).toEqual(["Andy"]);
    expect(await names("--display-name-prefix 'Ann L'")).toEqual(["ann"]);
    expect(await names("--email-prefix and")).toEqual(["Andy"]);
    expect(await names("--prefix an --state ENABLED --email-prefix anna")).toEqual(["anna"]);
    expect(await names("--prefix zz")).toEqual([]);
  });

  it("streams ndjson, one object per line", async () => {
    const r = await cli.ok("user list -o ndjson");
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as UserJson);
    expect(lines.map((u) => u.name)).toEqual(["ann", "anna", "bob", "Andy"]);
    expect(lines[0]).toMatchObject({ displayName: "Ann Lee", state: "ENABLED" });
  });

  it("leaves deleted users out unless asked", async () => {
    await cli.ok("user delete bob --yes");
    expect((await cli.ok("user list --fields name")).stdout).toBe("ann\nanna\nAndy\n");
    expect((await cli.ok("user list --all --fields name,state")).stdout).toContain("bob\tDELETED\n");
    expect((await cli.ok("user list --state DELETED --fields name")).stdout).toBe("bob\n");
  });

  it("prints [] for an empty JSON list and exits 0", async () => {
    expect(await cli.json("user list --prefix nobody")).toEqual([]);
  });
});

describe("wmctl user describe", () => {
  it("finds a user by name, email, alias or id", async () => {
    const u = await cli.json<UserJson>("user create bob --alias bobby --generate-password");
    for (const ref of ["bob", "BOB", "bob@acme.awsapps.com", "bobby@acme.awsapps.com", u.id]) {
      expect((await cli.json<UserJson>(["user", "describe", ref])).id).toBe(u.id);
    }
  });

  it("prints a labelled record on a terminal", async () => {
    await cli.ok("user create bob --display-name 'Bob Smith' --first-name Bob --alias bobby --generate-password");
    const r = await cli.ok("user describe bob", { tty: true });
    expect(r.stdout).toMatch(
      /^Id:\s+[0-9a-f-]{36}\nName:\s+bob\nDisplay name:\s+Bob Smith\nEmail:\s+bob@acme\.awsapps\.com\nState:\s+ENABLED\nRole:\s+USER\nFirst name:\s+Bob\nLast name:\s+-\n/,
    );
    expect(r.stdout).toMatch(/\nAliases:\s+bobby@acme\.awsapps\.com\n/);
  });

  it("reports an unknown user with exit 5", async () => {
    const r = await cli.run("user describe nobody");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no user "nobody" in organization acme \(m-[0-9a-f]{32}\)\nhint: see `wmctl user list`\n$/,
    );
  });
});

describe("wmctl user update", () => {
  it("sets and clears attributes, hides the user and changes the primary address", async () => {
    await cli.ok("user create bob --generate-password");
    const r = await cli.ok("user update bob --job-title Lead --office HQ --hidden --email robert -o json");
    expect(JSON.parse(r.stdout)).toMatchObject({
      jobTitle: "Lead",
      office: "HQ",
      hiddenFromGlobalAddressList: true,
      email: "robert@acme.awsapps.com",
    });
    expect(r.stderr).toBe(
      "✓ Updated 3 attributes of bob\n✓ Primary address of bob is now robert@acme.awsapps.com (bob@acme.awsapps.com stays as an alias)\n",
    );
    const u = await cli.json<UserJson & { office?: string }>("user update bob --office '' --visible");
    expect(u.office).toBeUndefined();
    expect(u.hiddenFromGlobalAddressList).toBe(false);
    expect((await cli.json<UserJson>("user describe bob")).aliases).toEqual(["bob@acme.awsapps.com"]);
  });

  it("says what is already so instead of counting it as updated (exit 0)", async () => {
    await cli.ok("user create bob --generate-password");
    await cli.ok("user update bob --job-title Lead --hidden");
    const same = await cli.ok("user update bob --job-title Lead --hidden --email bob --office ''");
    expect(same.stderr).toBe(
      '✓ bob already has job title "Lead", no office, hidden from the address list\n✓ bob@acme.awsapps.com is already the primary address of bob\n',
    );
    const some = await cli.ok("user update bob --job-title Lead --city Paris");
    expect(some.stderr).toBe('✓ bob already has job title "Lead"\n✓ Updated 1 attribute of bob\n');
    expect((await cli.ok("user update bob --job-title Lead --dry-run")).stdout).toBe("");
  });

  it("needs something to update (exit 2), and prints a plan with --dry-run", async () => {
    await cli.ok("user create bob --generate-password");
    const none = await cli.run("user update bob");
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "error: nothing to update\nhint: give at least one attribute, e.g. --display-name, --job-title, --hidden or --email\n",
    );
    const dry = await cli.ok("user update bob --job-title Lead --email robert@acme.awsapps.com --dry-run");
    expect(dry.stdout).toBe(
      "would UpdateUser bob  jobTitle=Lead\nwould UpdatePrimaryEmailAddress bob  email=robert@acme.awsapps.com\n",
    );
    expect((await cli.json<UserJson>("user describe bob")).jobTitle).toBeUndefined();
  });

  it("refuses to change the address of a disabled user with a hint", async () => {
    await cli.ok("user create bob --disabled --generate-password");
    const r = await cli.run("user update bob --email robert@acme.awsapps.com");
    expect(r.code).toBe(6);
    expect(r.stderr).toContain("error: EntityStateException: ");
    expect(r.stderr).toContain(
      "hint: only an enabled user's address can change: wmctl user enable bob --email robert@acme.awsapps.com\n",
    );
  });
});

describe("wmctl user enable, disable, delete", () => {
  it("disables after confirmation and enables again with the same address", async () => {
    await cli.ok("user create bob --generate-password");
    const refused = await cli.run("user disable bob");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("confirmation needed\nhint: pass --yes to confirm without a prompt\n");
    expect((await cli.json<UserJson>("user disable bob --yes")).state).toBe("DISABLED");
    expect((await cli.ok("user disable bob --yes")).stderr).toContain("User bob is already DISABLED");
    expect((await cli.ok("user enable bob --dry-run")).stdout).toBe(
      "would RegisterToWorkMail bob  email=bob@acme.awsapps.com\n",
    );
    const u = await cli.json<UserJson>("user enable bob");
    expect(u).toMatchObject({ state: "ENABLED", email: "bob@acme.awsapps.com" });
  });

  it("deletes an enabled user by disabling it first, after one confirmation", async () => {
    await cli.ok("user create bob --generate-password");
    const declined = await cli.run("user delete bob", { prompter: new ScriptedPrompter([false]) });
    expect(declined.code).toBe(130);
    expect((await cli.json<UserJson>("user describe bob")).state).toBe("ENABLED");
    const prompter = new ScriptedPrompter([true]);
    const r = await cli.ok("user delete bob", { prompter });
    expect(prompter.asked).toEqual([
      "User bob is enabled (bob@acme.awsapps.com): disable it, then delete it for good (cannot be undone)?",
    ]);
    expect(r.stderr).toBe("✓ Disabled bob\n✓ Deleted user bob\n");
    expect((await cli.run("user describe bob")).code).toBe(5);
    // The name and the address are free again.
    await cli.ok("user create bob --generate-password");
  });

  it("plans the two steps with --dry-run and changes nothing", async () => {
    await cli.ok("user create bob --generate-password");
    const r = await cli.ok("user delete bob --dry-run");
    expect(r.stdout).toMatch(
      /^would DeregisterFromWorkMail bob  email=bob@acme\.awsapps\.com\nwould DeleteUser bob  id=[0-9a-f-]{36}\n$/,
    );
    expect((await cli.json<UserJson>("user describe bob")).state).toBe("ENABLED");
  });

  it("needs --yes to delete without a terminal", async () => {
    await cli.ok("user create bob --disabled --generate-password");
    const r = await cli.run("user delete bob");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: Delete user bob (" +
        (await cli.json<UserJson>("user describe bob")).id +
        ") for good (cannot be undone): confirmation needed\nhint: pass --yes to confirm without a prompt\n",
    );
  });
});

describe("wmctl user reset-password", () => {
  it("sets a generated password and shows it once", async () => {
    await cli.ok("user create bob --generate-password");
    const r = await cli.ok("user reset-password bob --generate-password -o json");
    const out = JSON.parse(r.stdout) as { name: string; password: string };
    expect(out.name).toBe("bob");
    expect(passwordProblem(out.password)).toBeUndefined();
    expect(r.stderr).toContain("✓ Password of bob reset\n");
  });

  it("reads stdin, checks the policy (exit 2 with a hint), and needs a source without a terminal", async () => {
    await cli.ok("user create bob --generate-password");
    expect((await cli.ok("user reset-password bob --password-stdin", { stdin: "N3w-passw0rd" })).stdout).toBe("");
    const weak = await cli.run("user reset-password bob --password-stdin", { stdin: "weak" });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toBe(
      "error: InvalidPasswordException: The password must be at least 8 characters long.\n" +
        "hint: use 8 to 63 characters from three of: upper case, lower case, digits, special characters, Latin-1 letters\n",
    );
    const none = await cli.run("user reset-password bob");
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "error: a new password is needed for bob, and wmctl cannot prompt for it (no terminal or --no-input)\nhint: pass --password-stdin, --password-file or --generate-password\n",
    );
  });

  it("refuses two password sources at once", async () => {
    await cli.ok("user create bob --generate-password");
    const r = await cli.run("user reset-password bob --password-stdin --generate-password", { stdin: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: use only one of --password-stdin, --password-file and --generate-password\n");
  });
});
