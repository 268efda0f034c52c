import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { MailOrg, message } from "../helpers/mail-org.js";

let cli: CliHarness;
let o: MailOrg;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  o = await MailOrg.attach(cli.home);
  await o.user("alice");
  await o.user("bob");
});
afterEach(async () => {
  await o.close();
  cli.cleanup();
});

function files(dir: string, named: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(named)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("wmctl local deliver", () => {
  it("delivers files, a directory and an mbox, one row per message", async () => {
    const dir = files(join(cli.home, "in"), {
      "a.eml": message("first"),
      "b.eml": message("second"),
      ".hidden.eml": message("skipped"),
    });
    const mbox = join(cli.home, "archive.mbox");
    writeFileSync(
      mbox,
      `From sender@example.com Tue Oct  1 10:00:00 2024\n${message("in mbox 1", "line\n>From the start\n").replace(/\r\n/g, "\n")}\n` +
        `From sender@example.com Tue Oct  1 11:00:00 2024\n${message("in mbox 2").replace(/\r\n/g, "\n")}\n`,
    );
    const r = await cli.run([
      "local",
      "deliver",
      "--to",
      "alice@acme.awsapps.com",
      dir,
      mbox,
      "--fields",
      "name,folder,status,subject",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${dir}/a.eml\tInbox\tDELIVERED\tfirst`,
        `${dir}/b.eml\tInbox\tDELIVERED\tsecond`,
        "archive.mbox#1\tInbox\tDELIVERED\tin mbox 1",
        "archive.mbox#2\tInbox\tDELIVERED\tin mbox 2",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain("Delivered 4 message copies");
  });

  it("undoes mboxrd quoting and keeps everything else byte for byte", async () => {
    const body = "line\n>From the start\n>>From deeper\n";
    const m = message("quoted", body).replace(/\r\n/g, "\n");
    const mbox = join(cli.home, "q.mbox");
    writeFileSync(
      mbox,
      `From a@b Tue Oct  1 10:00:00 2024\n${m.replace(">From", ">>From").replace(">>From deeper", ">>>From deeper")}\n`,
    );
    await cli.ok(["local", "deliver", "--to", "bob", mbox]);
    const size = (await cli.json<{ sizeMegabytes: number }>("mailbox describe bob")).sizeMegabytes;
    expect(Math.round(size * 1024 * 1024)).toBe(Buffer.byteLength(m));
  });

  it("exits 7 when a quota refuses a message, 1 for a file that is not MIME, 5 for an unknown recipient", async () => {
    await cli.ok("mailbox set-quota alice 1");
    const big = join(cli.home, "big.eml");
    writeFileSync(big, message("big", "x".repeat(700 * 1024)));
    await cli.ok(["local", "deliver", "--to", "alice", big]);
    const full = await cli.run(["local", "deliver", "--to", "alice", big]);
    expect(full.code).toBe(7);
    expect(full.stdout).toMatch(/\tREJECTED\t/);
    expect(full.stderr).toContain("1 message copy was rejected");
    const junk = join(cli.home, "junk.txt");
    writeFileSync(junk, "not a message at all\n");
    const notMime = await cli.run(["local", "deliver", "--to", "bob", junk]);
    expect(notMime.code).toBe(1);
    expect(notMime.stderr).toContain("not a MIME message");
    const unknown = await cli.run(["local", "deliver", "--to", "nobody@acme.awsapps.com", big]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain("EntityNotFoundException");
  });

  it("is a local-backend command", async () => {
    const r = await cli.run([
      "--backend",
      "aws",
      "--region",
      "us-east-1",
      "local",
      "deliver",
      "--to",
      "alice",
      "x.eml",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("controls the local simulator");
  });
});

describe("wmctl mailbox", () => {
  it("describes a mailbox as a table on a terminal and as JSON", async () => {
    await o.deliver(o.email("alice"), [message("hello", "x".repeat(1000))]);
    const tty = await cli.ok("mailbox describe alice", { tty: true });
    expect(tty.stdout).toMatch(/^Mailbox: +alice$/m);
    // Sizes in human units on a terminal (issue #11 item 11); JSON keeps the exact number.
    expect(tty.stdout).toMatch(/^Quota: +50 GB$/m);
    expect(tty.stdout).toMatch(/^Size: +\d+(\.\d)? KB$/m);
    const j = await cli.json<{
      mailbox: string;
      email: string;
      type: string;
      quotaMegabytes: number;
      sizeMegabytes: number;
    }>("mailbox describe alice");
    expect(j).toMatchObject({ mailbox: "alice", email: "alice@acme.awsapps.com", type: "USER", quotaMegabytes: 51200 });
    expect(j.sizeMegabytes).toBeGreaterThan(0.0009);
  });

  it("sets the quota in MB or GB, checks the guide's range, and warns at 90 %", async () => {
    expect((await cli.json<{ quotaMegabytes: number }>("mailbox set-quota alice 2GB")).quotaMegabytes).toBe(2048);
    expect((await cli.ok("mailbox set-quota alice 10 --dry-run")).stdout).toBe(
      "would UpdateMailboxQuota alice  mailboxQuotaMb=10\n",
    );
    expect((await cli.json<{ quotaMegabytes: number }>("mailbox describe alice")).quotaMegabytes).toBe(2048);
    const tooBig = await cli.run("mailbox set-quota alice 60GB");
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain("InvalidParameterException");
    expect((await cli.run("mailbox set-quota alice lots")).code).toBe(2);
    await cli.ok("mailbox set-quota alice 1");
    await o.deliver(o.email("alice"), [message("nearly full", "x".repeat(960 * 1024))]);
    const warned = await cli.ok("mailbox describe alice");
    expect(warned.stderr).toMatch(/alice's mailbox is at 9\d(\.\d+)?% of its 1 MB quota/);
  });

  it("grants, lists and revokes permissions by name", async () => {
    await cli.ok("mailbox permissions grant alice bob --permission full-access");
    await cli.ok("mailbox permissions grant alice bob -p send_as");
    expect((await cli.ok("mailbox permissions list alice")).stdout).toBe(
      "bob\tbob@acme.awsapps.com\tUSER\tFULL_ACCESS,SEND_AS\n",
    );
    const partly = await cli.ok("mailbox permissions revoke alice bob --permission FULL_ACCESS");
    expect(partly.stderr).toContain("bob keeps SEND_AS");
    await cli.ok("mailbox permissions grant alice bob -p send-on-behalf --replace");
    expect((await cli.json<Array<{ permissions: string }>>("mailbox permissions list alice"))[0]?.permissions).toBe(
      "SEND_ON_BEHALF",
    );
    await cli.ok("mailbox permissions revoke alice bob");
    expect((await cli.ok("mailbox permissions list alice")).stdout).toBe("");
    const nothing = await cli.ok("mailbox permissions revoke alice bob");
    expect(nothing.stderr).toContain("nothing to revoke");
  });

  // Resolving a group by name needs DescribeGroup, and an email DescribeEntity (other areas).
  it("shows the service's refusal of Full Access for a group, with exit code 2", async () => {
    await o.group("sales");
    const r = await cli.run("mailbox permissions grant alice sales -p full-access");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("InvalidParameterException: FULL_ACCESS cannot be granted to the group sales");
  });

  it("rejects an unknown permission before calling the service", async () => {
    const r = await cli.run("mailbox permissions grant alice bob -p read-all");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown permission "read-all"');
  });

  it("lists the mailboxes someone may use with --grantee, directly or through a (nested) group (issue #11 item 16)", async () => {
    await o.user("carol");
    await o.group("team", ["bob"]);
    await o.group("all", ["team"]);
    await cli.ok("mailbox permissions grant alice bob -p full-access");
    await cli.ok("mailbox permissions grant carol all -p send-on-behalf");
    await cli.ok("mailbox permissions grant carol alice -p send-as");
    const r = await cli.ok("mailbox permissions list --grantee bob");
    expect(r.stdout).toBe("alice\tFULL_ACCESS\tdirect\ncarol\tSEND_ON_BEHALF\tall\n");
    expect((await cli.ok("mailbox permissions list --grantee team --fields mailbox,grantee,via")).stdout).toBe(
      "carol\tteam\tall\n",
    );
    const both = await cli.run("mailbox permissions list alice --grantee bob");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error: name a mailbox, or --grantee to see the mailboxes someone may use");
  });

  it("accepts email addresses for both sides", async () => {
    await cli.ok("mailbox permissions grant alice@acme.awsapps.com bob@acme.awsapps.com -p send-as");
    expect((await cli.ok("mailbox permissions list alice@acme.awsapps.com --fields grantee,permissions")).stdout).toBe(
      "bob\tSEND_AS\n",
    );
  });
});
