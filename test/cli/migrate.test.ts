import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationLedger } from "../../src/migrate/ledger.js";
import { CliHarness } from "../helpers/run-cli.js";

const harnesses: CliHarness[] = [];
const harness = () => {
  const h = new CliHarness();
  harnesses.push(h);
  return h;
};
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup();
});
const T = "imap://imap.example.net:143";

describe("wmctl migrate status", () => {
  it("shows each mailbox of the ledger, in table, JSON and --fields forms", async () => {
    const h = harness();
    const l = MigrationLedger.open(MigrationLedger.defaultFile(h.home));
    l.startMailbox(T, "alice@acme.com", "alice@new.example");
    l.recordFolder(T, "alice@acme.com", "Inbox", "INBOX", 3, 300);
    for (let i = 0; i < 3; i++)
      l.recordMessage(T, "alice@acme.com", "Inbox", {
        key: `k${i}`,
        messageId: `<${i}@x>`,
        size: 100,
        uid: i + 1,
        how: i === 0 ? "present" : "copied",
      });
    l.finishMailbox(T, "alice@acme.com", "alice@new.example", "COPIED", {
      copied: 2,
      present: 1,
      failed: 0,
      bytes: 200,
    });
    l.startMailbox(T, "bob@acme.com", "bob@new.example");
    l.close();

    const json = await h.run("migrate status -o json");
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject([
      {
        mailbox: "alice@acme.com",
        targetLogin: "alice@new.example",
        target: T,
        state: "COPIED",
        sourceMessages: 3,
        copied: 2,
        alreadyThere: 1,
        failed: 0,
        bytesCopied: 200,
      },
      { mailbox: "bob@acme.com", state: "RUNNING", copied: 0 },
    ]);
    const fields = await h.run("migrate status --fields mailbox,state,copied");
    expect(fields.stdout).toBe("alice@acme.com\tCOPIED\t2\nbob@acme.com\tRUNNING\t0\n");
    const table = await h.run("migrate status", { tty: true });
    expect(table.stdout).toMatch(/^MAILBOX\s+TARGET LOGIN\s+STATE\s+SOURCE MESSAGES\s+COPIED\s+ALREADY THERE/);
    expect(table.stdout).toMatch(/bob@acme\.com\s+bob@new\.example\s+RUNNING/);
    expect((await h.run("migrate status --to imap://other.example.net")).stdout).toBe("");
    const bad = await h.run("migrate status --fields mailbox,nope");
    expect(bad.code).toBe(2);
  });

  it("says so when nothing was migrated yet", async () => {
    const r = await harness().run("migrate status");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/No migration recorded in .*ledger\.jsonl/);
  });
});

describe("wmctl migrate mail: bad input fails before any connection (exit 2)", () => {
  it("refuses a non-IMAP URL, credentials in the URL, a missing map, a readable password file, two password options", async () => {
    const h = harness();
    const map = join(h.home, "map.csv");
    writeFileSync(map, "mailbox,target_login\na@x.com,a\n");
    const pw = join(h.home, "pw");
    writeFileSync(pw, "secret\n");
    chmodSync(pw, 0o644);
    const cases: Array<[string, RegExp]> = [
      [`migrate mail --to https://imap.example.net --map ${map}`, /--to must be an imap:\/\/ or imaps:\/\/ URL/],
      [
        `migrate mail --to imaps://me:secret@imap.example.net --map ${map}`,
        /do not put a login or password in the URL/,
      ],
      [
        `migrate mail --to imaps://imap.example.net --map ${join(h.home, "none.csv")}`,
        /cannot read the map file .*none\.csv: ENOENT/,
      ],
      [
        `migrate mail --to imaps://imap.example.net --map ${map} --password-file ${pw}`,
        /can be read by other users \(mode 644\)/,
      ],
      [
        `migrate mail --to imaps://imap.example.net --map ${map} --password-stdin --token-command true`,
        /use only one of/,
      ],
      [
        `migrate mail --to imaps://imap.example.net --map ${map} --from-imap imaps://x --from ${h.home}`,
        /cannot be combined/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await h.run(argv, { stdin: "pw\n" });
      expect(r.code, argv).toBe(2);
      expect(r.stderr, argv).toMatch(message);
      expect(r.stderr).not.toContain("secret");
    }
  });
});
