import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

let cli: CliHarness;
let bobId: string;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  bobId = (await cli.json<{ id: string }>("user create bob --generate-password")).id;
  await cli.ok("user create ann --generate-password");
});
afterEach(() => cli.cleanup());

describe("wmctl alias add", () => {
  it("adds full addresses and local parts (on the primary address's domain), by name, email or id", async () => {
    const r = await cli.ok("alias add bob bobby Robert@acme.awsapps.com");
    expect(r.stdout).toBe("bobby@acme.awsapps.com\tbob\tadded\nrobert@acme.awsapps.com\tbob\tadded\n");
    expect(r.stderr).toBe(
      "✓ Added alias bobby@acme.awsapps.com to bob\n✓ Added alias robert@acme.awsapps.com to bob\n",
    );
    await cli.ok(["alias", "add", bobId, "b1"]);
    await cli.ok("alias add bobby@acme.awsapps.com b2");
    expect((await cli.ok("alias list bob --fields alias")).stdout).toBe(
      "b1@acme.awsapps.com\nb2@acme.awsapps.com\nbobby@acme.awsapps.com\nrobert@acme.awsapps.com\n",
    );
  });

  it("changes nothing for an alias the entity already has", async () => {
    await cli.ok("alias add bob bobby");
    const r = await cli.ok("alias add bob bobby -o json");
    expect(JSON.parse(r.stdout)).toEqual([
      {
        alias: "bobby@acme.awsapps.com",
        entity: "bob",
        entityId: bobId,
        type: "USER",
        primaryEmail: "bob@acme.awsapps.com",
        result: "unchanged",
      },
    ]);
    expect(r.stderr).toBe("bobby@acme.awsapps.com is already an alias of bob\n");
  });

  it("refuses an address someone else has (exit 6) and names where to look", async () => {
    const r = await cli.run("alias add bob ann");
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(
      "error: EmailAddressInUseException: The email address ann@acme.awsapps.com is already in use by another user, group, or resource.\nhint: see who has it: wmctl whois ann@acme.awsapps.com\n",
    );
  });

  it("refuses a domain the organization does not have (exit 5) and a disabled user (exit 6)", async () => {
    const domain = await cli.run("alias add bob bob@example.com");
    expect(domain.code).toBe(5);
    expect(domain.stderr).toMatch(
      /^error: MailDomainNotFoundException: The domain example\.com is not a mail domain of organization acme \(m-[0-9a-f]{32}\)\.\nhint: add the domain first: wmctl domain add example\.com\n$/,
    );
    await cli.ok("user disable bob --yes");
    const disabled = await cli.run("alias add bob bobby");
    expect(disabled.code).toBe(6);
    expect(disabled.stderr).toBe(
      "error: EntityStateException: The user bob is DISABLED; only an enabled user can get aliases.\nhint: only an enabled user can get aliases: wmctl user enable bob\n",
    );
  });

  it("plans with --dry-run and changes nothing", async () => {
    expect((await cli.ok("alias add bob bobby --dry-run")).stdout).toBe(
      "would CreateAlias bob  alias=bobby@acme.awsapps.com\n",
    );
    expect(await cli.json("alias list bob")).toEqual([]);
  });
});

describe("wmctl alias remove", () => {
  beforeEach(async () => {
    await cli.ok("alias add bob bobby robert");
  });

  it("removes aliases after confirmation", async () => {
    const prompter = new ScriptedPrompter([true]);
    const r = await cli.ok("alias remove bob bobby", { prompter });
    expect(prompter.asked).toEqual(["Remove alias bobby@acme.awsapps.com from bob (mail to it will bounce)?"]);
    expect(r.stdout).toBe("bobby@acme.awsapps.com\tbob\tremoved\n");
    expect((await cli.ok("alias list bob --fields alias")).stdout).toBe("robert@acme.awsapps.com\n");
    expect((await cli.run("alias remove bob robert")).code).toBe(2);
    await cli.ok("alias remove bob robert --yes");
    expect(await cli.json("alias list bob")).toEqual([]);
  });

  it("never removes the primary address (exit 2), and checks every alias before changing anything", async () => {
    const primary = await cli.run("alias remove bob bobby bob@acme.awsapps.com --yes");
    expect(primary.code).toBe(2);
    expect(primary.stderr).toBe(
      "error: bob@acme.awsapps.com is the primary address of bob, not an alias\nhint: make another address primary first: wmctl user update bob --email OTHER\n",
    );
    expect((await cli.ok("alias list bob --fields alias")).stdout).toBe(
      "bobby@acme.awsapps.com\nrobert@acme.awsapps.com\n",
    );
  });

  it("names the command that changes a group's primary address, quoted as typed in a shell", async () => {
    await cli.ok(["group", "create", "All Staff"]);
    const r = await cli.run(["alias", "remove", "All Staff", "all-staff", "--yes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: all-staff@acme.awsapps.com is the primary address of All Staff, not an alias\nhint: make another address primary first: wmctl group update "All Staff" --email OTHER\n',
    );
  });

  it("reports an address the entity does not have (exit 5), naming its owner", async () => {
    await cli.ok("alias add ann team");
    const r = await cli.run("alias remove bob team --yes");
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      "error: team@acme.awsapps.com is not an alias of bob (it belongs to user ann)\nhint: see its aliases: wmctl alias list bob\n",
    );
  });

  it("plans with --dry-run", async () => {
    const r = await cli.ok("alias remove bob bobby robert --dry-run");
    expect(r.stdout).toBe(
      "would DeleteAlias bob  alias=bobby@acme.awsapps.com\nwould DeleteAlias bob  alias=robert@acme.awsapps.com\n",
    );
  });
});

describe("wmctl alias list", () => {
  it("lists every alias of the organization with its owner", async () => {
    await cli.ok("alias add bob bobby robert");
    await cli.ok("alias add ann annie");
    const tty = await cli.ok("alias list", { tty: true });
    expect(tty.stdout).toBe(
      [
        "ALIAS                    ENTITY  TYPE  PRIMARY EMAIL",
        "bobby@acme.awsapps.com   bob     USER  bob@acme.awsapps.com",
        "robert@acme.awsapps.com  bob     USER  bob@acme.awsapps.com",
        "annie@acme.awsapps.com   ann     USER  ann@acme.awsapps.com",
        "",
      ].join("\n"),
    );
    const json = await cli.json<Array<{ alias: string; entity: string }>>("alias list ann");
    expect(json).toEqual([
      {
        alias: "annie@acme.awsapps.com",
        entity: "ann",
        entityId: expect.any(String),
        type: "USER",
        primaryEmail: "ann@acme.awsapps.com",
      },
    ]);
  });

  it("prints nothing (exit 0) when there are no aliases, and exit 5 for an unknown entity", async () => {
    expect((await cli.ok("alias list bob")).stdout).toBe("");
    const r = await cli.run("alias list nobody");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error: no user or group or resource "nobody" in organization acme \(m-[0-9a-f]{32}\)\n/);
  });
});

describe("wmctl whois", () => {
  it("finds the owner of an alias or a primary address, and says which matched", async () => {
    await cli.ok("alias add bob bobby");
    const viaAlias = await cli.json<Record<string, unknown>>("whois BOBBY@acme.awsapps.com");
    expect(viaAlias).toEqual({
      type: "USER",
      id: bobId,
      name: "bob",
      email: "bob@acme.awsapps.com",
      state: "ENABLED",
      aliases: ["bobby@acme.awsapps.com"],
      matched: "alias",
    });
    expect((await cli.json<{ matched: string }>("whois bob@acme.awsapps.com")).matched).toBe("primaryEmail");
  });

  it("finds an entity by name or id and prints a labelled record on a terminal", async () => {
    const r = await cli.ok("whois bob", { tty: true });
    expect(r.stdout).toBe(
      `Type:     USER\nId:       ${bobId}\nName:     bob\nEmail:    bob@acme.awsapps.com\nState:    ENABLED\nAliases:  -\nMatched:  name\n`,
    );
    expect((await cli.ok(["whois", bobId, "--fields", "name,matched"])).stdout).toBe("bob\tid\n");
  });

  it("still knows the address of a disabled user (addresses stay reserved)", async () => {
    await cli.ok("user disable bob --yes");
    expect((await cli.ok("whois bob@acme.awsapps.com --fields name,state")).stdout).toBe("bob\tDISABLED\n");
  });

  it("reports a name nobody has with exit 5, pointing at the lists rather than at whois itself", async () => {
    const r = await cli.run("whois nobody");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no user, group or resource has the name or id "nobody" in organization acme \(m-[0-9a-f]{32}\)\nhint: list them with `wmctl user list`, `wmctl group list` and `wmctl resource list`\n$/,
    );
  });

  it("reports an address nobody has with exit 5", async () => {
    const r = await cli.run("whois nobody@acme.awsapps.com");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no user, group or resource has the address nobody@acme\.awsapps\.com in organization acme \(m-[0-9a-f]{32}\)\nhint: list addresses with `wmctl user list` and `wmctl alias list`\n$/,
    );
  });
});
