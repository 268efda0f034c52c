import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCrlf } from "../../src/migrate/message-key.js";
import { Dovecot, SPECIAL } from "../helpers/dovecot.js";
import { MailOrg } from "../helpers/mail-org.js";
import { BIN, spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-migrate-"));
/** NODE_EXTRA_CA_CERTS is added once Dovecot (with TLS: STARTTLS on the plain port too) has its test CA. */
const env: Record<string, string> = { WMCTL_HOME: home };
const wmctl = (args: string[], stdin?: string) =>
  spawnCli(args, { env, ...(stdin === undefined ? {} : { stdin }), timeoutMs: 120_000 });
const CRLF = "\r\n";
const DOMAIN = "e2emig.awsapps.com";

const png = randomBytes(40_000);
const withAttachment = Buffer.from(
  [
    "From: =?ISO-8859-1?Q?Fran=E7ois?= <francois@example.fr>",
    `To: alice@${DOMAIN}`,
    "Subject: =?UTF-8?B?UXVhcnRhbHN6YWhsZW4g4oCTIOaXpeacrOiqng==?=",
    "Date: Mon, 7 Oct 2024 09:15:00 +0200",
    "Message-ID: <attach@example.fr>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Photo attached.",
    "--b1",
    'Content-Type: image/png; name="photo.png"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="photo.png"',
    "",
    png.toString("base64").replace(/.{76}/g, `$&${CRLF}`),
    "--b1--",
    "",
  ].join(CRLF),
);
const plain = (id: string | undefined, subject: string, body = subject, eol = CRLF) =>
  Buffer.from(
    [
      `From: someone@example.com`,
      `To: alice@${DOMAIN}`,
      `Subject: ${subject}`,
      ...(id === undefined ? [] : [`Message-ID: <${id}>`]),
      "",
      body,
      "",
    ].join(eol),
  );

/** alice's mailbox: folder -> messages. Sent mail has LF line ends (as an mbox holds it). */
const alice: Record<string, Record<string, Buffer>> = {
  Inbox: {
    "1.eml": withAttachment,
    "2.eml": plain("inbox-2@example.com", "Grüße – 8-bit"),
    "3.eml": plain(undefined, "no message id here"),
  },
  "Sent Items": {
    "s1.eml": plain("sent-1@example.com", "sent one", "sent body", "\n"),
    "s2.eml": plain("sent-2@example.com", "sent two", "x", "\n"),
  },
  "Deleted Items": { "d1.eml": plain("deleted-1@example.com", "deleted") },
  "Junk E-mail": { "j1.eml": plain("junk-1@example.com", "junk") },
  "Inbox/Projekte Ü/2024": {
    "p1.eml": plain("p1@example.com", "Projekt Alpha"),
    "p2.eml": plain("p2@example.com", "Projekt Beta"),
  },
  "Archiv/日本語": { "a1.eml": plain("a1@example.com", "archived") },
};
const BOB_MESSAGES = 240;

let dovecot: Dovecot;
let mapFile: string;
let pwFile: string;

beforeAll(async () => {
  dovecot = await Dovecot.start(
    [
      { user: "alice.t", pass: "alice-target-pw" },
      { user: "bob.t", pass: "bob-target-pw" },
    ],
    { tls: true },
  );
  env.NODE_EXTRA_CA_CERTS = dovecot.tls?.caFile as string;
  expect((await wmctl(["org", "create", "e2emig"])).code).toBe(0);
  const o = await MailOrg.attach(home);
  await o.user("alice");
  await o.user("bob");
  await o.close();
  const src = join(home, "src");
  for (const [folder, messages] of Object.entries(alice)) {
    const dir = join(src, "alice", folder.replace(/\//g, "_"));
    mkdirSync(dir, { recursive: true });
    for (const [n, b] of Object.entries(messages)) writeFileSync(join(dir, n), b);
    const r = await wmctl(["local", "deliver", "--to", `alice@${DOMAIN}`, "--folder", folder, dir]);
    expect(r.code, r.stderr).toBe(0);
  }
  const bobDir = join(src, "bob");
  mkdirSync(bobDir, { recursive: true });
  for (let i = 0; i < BOB_MESSAGES; i++)
    writeFileSync(
      join(bobDir, `${String(i).padStart(4, "0")}.eml`),
      plain(`bob-${i}@example.com`, `bob ${i}`, randomBytes(600).toString("base64")),
    );
  const r = await wmctl(["local", "deliver", "--to", `bob@${DOMAIN}`, bobDir]);
  expect(r.code, r.stderr).toBe(0);
  const exported = await wmctl(["export", "all"]);
  expect(exported.code, exported.stderr).toBe(0);

  mapFile = join(home, "mailbox-map.csv");
  writeFileSync(
    mapFile,
    `mailbox,target_login,password\nalice@${DOMAIN},alice.t,alice-target-pw\nbob@${DOMAIN},bob.t,bob-target-pw\n`,
    { mode: 0o600 },
  );
  pwFile = join(home, "unused.pw");
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  rmSync(home, { recursive: true, force: true });
});

const target = () => ["--to", dovecot.url, "--map", mapFile];

describe("migrate mail from export zips into Dovecot (built CLI)", () => {
  it("refuses a map with a password column that others can read, naming chmod 600 (exit 2)", async () => {
    const open = join(home, "open-map.csv");
    writeFileSync(open, readFileSync(mapFile));
    chmodSync(open, 0o644);
    const r = await wmctl(["migrate", "mail", "--to", dovecot.url, "--map", open]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(open);
    expect(r.stderr).toContain(`chmod 600 ${open}`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("copies alice's folder tree onto the target's SPECIAL-USE folders, byte-exact, and kill -9 mid-copy of bob resumes without duplicates", async () => {
    // bob alone first, slowed down, killed in the middle.
    const bobMap = join(home, "bob-map.csv");
    writeFileSync(bobMap, `mailbox,target_login,password\nbob@${DOMAIN},bob.t,bob-target-pw\n`, { mode: 0o600 });
    const child = spawn(
      process.execPath,
      [BIN, "migrate", "mail", "--to", dovecot.url, "--map", bobMap, "--rate", "60"],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...env }, stdio: "ignore" },
    );
    const exited = new Promise((r) => child.on("close", r));
    let inTarget = 0;
    for (let i = 0; i < 400 && inTarget < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      inTarget = (await dovecot.contents("bob.t")).get("INBOX")?.length ?? 0;
    }
    child.kill("SIGKILL");
    await exited;
    // Appends whose bytes were already sent still land after the kill: let Dovecot finish them.
    await new Promise((r) => setTimeout(r, 1000));
    const partial = (await dovecot.contents("bob.t")).get("INBOX")?.length ?? 0;
    expect(partial).toBeGreaterThanOrEqual(40);
    expect(partial).toBeLessThan(BOB_MESSAGES);

    const status = await wmctl(["migrate", "status", "-o", "json"]);
    expect(status.code, status.stderr).toBe(0);
    expect(
      (JSON.parse(status.stdout) as Array<{ mailbox: string; state: string }>).find(
        (m) => m.mailbox === `bob@${DOMAIN}`,
      )?.state,
    ).toBe("RUNNING");

    const report = join(home, "copy-report.json");
    const r = await wmctl(["migrate", "mail", ...target(), "--report", report, "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{
      mailbox: string;
      state: string;
      copied: number;
      alreadyThere: number;
      skipped: number;
      sourceMessages: number;
    }>;
    const bobRow = rows.find((x) => x.mailbox === `bob@${DOMAIN}`);
    expect(bobRow?.state).toBe("COPIED");
    expect((bobRow?.copied ?? 0) + (bobRow?.alreadyThere ?? 0)).toBe(BOB_MESSAGES);
    expect(bobRow?.copied).toBe(BOB_MESSAGES - partial);
    expect(JSON.parse(readFileSync(report, "utf8"))).toHaveLength(2);

    // Every bob message exactly once.
    const bob = (await dovecot.contents("bob.t")).get("INBOX") ?? [];
    const ids = bob.map((m) => m.messageId);
    expect(ids).toHaveLength(BOB_MESSAGES);
    expect(new Set(ids).size).toBe(BOB_MESSAGES);

    // alice: folders by SPECIAL-USE, nesting and non-ASCII names; bytes as sent (CRLF form); no \Seen.
    const box = await dovecot.contents("alice.t");
    const subjectsIn = (folder: string) =>
      (box.get(folder) ?? [])
        .map((m) =>
          m.source
            .toString("utf8")
            .match(/^Subject: (.*)$/m)?.[1]
            ?.trim(),
        )
        .sort();
    expect(subjectsIn(SPECIAL.sent)).toEqual(["sent one", "sent two"]);
    expect(subjectsIn(SPECIAL.trash)).toEqual(["deleted"]);
    expect(subjectsIn(SPECIAL.junk)).toEqual(["junk"]);
    expect(subjectsIn("INBOX/Projekte Ü/2024")).toEqual(["Projekt Alpha", "Projekt Beta"]);
    expect(subjectsIn("Archiv/日本語")).toEqual(["archived"]);
    expect(box.has("Sent Items")).toBe(false);
    const inbox = box.get("INBOX") ?? [];
    expect(inbox).toHaveLength(3);
    const attach = inbox.find((m) => m.messageId === "<attach@example.fr>");
    expect(attach?.source.equals(withAttachment)).toBe(true);
    const sentOne = (box.get(SPECIAL.sent) ?? []).find((m) => m.messageId === "<sent-1@example.com>");
    expect(sentOne?.source.equals(toCrlf(alice["Sent Items"]?.["s1.eml"] as Buffer))).toBe(true);
    expect(inbox.every((m) => !m.flags.includes("\\Seen"))).toBe(true);
    // Internal dates are the delivery times the export recorded (zip entry times), not the time of the copy.
    const zipTimes = new Set<number>();
    for (const z of readdirSync(join(home, "s3"), { recursive: true }) as string[]) {
      if (!z.endsWith(".zip")) continue;
      const zip = await yauzl.openPromise(join(home, "s3", z), { lazyEntries: true });
      for await (const e of (zip as unknown as { eachEntry(): AsyncIterable<yauzl.Entry> }).eachEntry())
        zipTimes.add(Math.floor(e.getLastModDate().getTime() / 1000));
      zip.close();
    }
    const aliceTimes = [...box.values()].flat().map((m) => Math.floor(m.internalDate.getTime() / 1000));
    expect(aliceTimes).toHaveLength(10);
    for (const t of aliceTimes)
      expect(zipTimes.has(t), `internal date ${new Date(t * 1000).toISOString()} is not a delivery time`).toBe(true);

    // A second run appends nothing.
    const again = await wmctl(["migrate", "mail", ...target(), "-o", "json"]);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Array<{ copied: number }>).every((x) => x.copied === 0)).toBe(true);
  }, 120_000);

  it("verify exits 0 on a complete copy, and 3 naming the mailbox, folder and Message-ID of a message deleted in the target", async () => {
    const ok = await wmctl(["migrate", "verify", ...target(), "--sample", "3", "-o", "json"]);
    expect(ok.code, ok.stderr).toBe(0);
    const rows = JSON.parse(ok.stdout) as Array<{
      mailbox: string;
      folder: string;
      targetFolder: string;
      status: string;
      sourceMessages: number;
      targetMessages: number;
    }>;
    expect(rows.find((x) => x.folder === "Sent Items")).toMatchObject({
      targetFolder: SPECIAL.sent,
      status: "ok",
      sourceMessages: 2,
      targetMessages: 2,
    });
    expect(rows.find((x) => x.mailbox === `bob@${DOMAIN}` && x.folder === "Inbox")).toMatchObject({
      status: "ok",
      sourceMessages: BOB_MESSAGES,
      targetMessages: BOB_MESSAGES,
    });

    const c = await dovecot.client("alice.t");
    const lock = await c.getMailboxLock("INBOX/Projekte Ü/2024");
    try {
      const uids = (await c.search({ header: { "message-id": "<p2@example.com>" } }, { uid: true })) || [];
      expect(uids).toHaveLength(1);
      await c.messageDelete(uids, { uid: true });
    } finally {
      lock.release();
      await c.logout();
    }
    const bad = await wmctl(["migrate", "verify", ...target()]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`alice@${DOMAIN}`);
    expect(bad.stderr).toContain("Inbox/Projekte Ü/2024");
    expect(bad.stderr).toContain("<p2@example.com>");
    expect(bad.stderr).toContain("Projekt Beta");

    // Running the copy again puts back exactly the missing message.
    const fix = await wmctl(["migrate", "mail", ...target(), "-o", "json"]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(
      (JSON.parse(fix.stdout) as Array<{ mailbox: string; copied: number }>).find(
        (x) => x.mailbox === `alice@${DOMAIN}`,
      )?.copied,
    ).toBe(1);
    expect((await wmctl(["migrate", "verify", ...target()])).code).toBe(0);
  }, 120_000);

  it("a refused login exits 4 and names the login; the password never appears in the output, report or ledger", async () => {
    const wrong = join(home, "wrong-map.csv");
    writeFileSync(wrong, `mailbox,target_login\nalice@${DOMAIN},alice.t\n`);
    writeFileSync(pwFile, "not-the-password-9731\n", { mode: 0o600 });
    const report = join(home, "wrong.csv");
    const r = await wmctl([
      "migrate",
      "mail",
      "--to",
      dovecot.url,
      "--map",
      wrong,
      "--password-file",
      pwFile,
      "--report",
      report,
    ]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("alice.t");
    for (const text of [
      r.stdout,
      r.stderr,
      readFileSync(report, "utf8"),
      readFileSync(join(home, "migrate", "ledger.jsonl"), "utf8"),
    ]) {
      expect(text).not.toContain("not-the-password-9731");
      expect(text).not.toContain("alice-target-pw");
    }
  }, 60_000);

  it("copies from an IMAP source (Dovecot): folders by SPECIAL-USE both ways, \\Seen kept, then verify against the source", async () => {
    await dovecot.setUser("carol.t", "carol-target-pw");
    const c = await dovecot.client("alice.t");
    const lock = await c.getMailboxLock(SPECIAL.sent);
    try {
      await c.messageFlagsAdd({ header: { "message-id": "<sent-1@example.com>" } }, ["\\Seen"]);
    } finally {
      lock.release();
      await c.logout();
    }
    const map = join(home, "imap-map.csv");
    writeFileSync(
      map,
      "mailbox,target_login,password,source_login,source_password\nalice.t,carol.t,carol-target-pw,alice.t,alice-target-pw\n",
      { mode: 0o600 },
    );
    const r = await wmctl([
      "migrate",
      "mail",
      "--to",
      dovecot.url,
      "--map",
      map,
      "--from-imap",
      dovecot.url,
      "--ledger",
      join(home, "imap-ledger.jsonl"),
      "-o",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ copied: number }>)[0]?.copied).toBe(10);
    const carol = await dovecot.contents("carol.t");
    const alice = await dovecot.contents("alice.t");
    for (const [folder, messages] of alice)
      expect((carol.get(folder) ?? []).map((m) => m.source.toString("base64")).sort(), folder).toEqual(
        messages.map((m) => m.source.toString("base64")).sort(),
      );
    const seen = (carol.get(SPECIAL.sent) ?? []).map((m) => [m.messageId, m.flags.includes("\\Seen")]).sort();
    expect(seen).toEqual([
      ["<sent-1@example.com>", true],
      ["<sent-2@example.com>", false],
    ]);
    const v = await wmctl([
      "migrate",
      "verify",
      "--to",
      dovecot.url,
      "--map",
      map,
      "--from-imap",
      dovecot.url,
      "--ledger",
      join(home, "imap-ledger.jsonl"),
    ]);
    expect(v.code, v.stderr).toBe(0);
  }, 60_000);

  it("reads the zips from --from FOLDER or --from s3://bucket/prefix as well as from where the export ledger says", async () => {
    for (const [login, from] of [
      ["dave.t", join(home, "s3")],
      ["erin.t", "s3://wmctl-local-exports/mailbox-exports"],
    ] as const) {
      await dovecot.setUser(login, `${login}-pw`);
      const map = join(home, `${login}.csv`);
      writeFileSync(map, `mailbox,target_login,password\nalice@${DOMAIN},${login},${login}-pw\n`, { mode: 0o600 });
      const r = await wmctl([
        "migrate",
        "mail",
        "--to",
        dovecot.url,
        "--map",
        map,
        "--from",
        from,
        "--ledger",
        join(home, `${login}.jsonl`),
        "-o",
        "json",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as Array<{ copied: number; source: string }>)[0]).toMatchObject({
        copied: 10,
        source: expect.stringMatching(/^export zip .*\.zip$/),
      });
    }
    const missing = join(home, "nobody.csv");
    writeFileSync(missing, `mailbox,target_login\nnobody@${DOMAIN},dave.t\n`);
    const r = await wmctl(
      [
        "migrate",
        "mail",
        "--to",
        dovecot.url,
        "--map",
        missing,
        "--password-stdin",
        "--ledger",
        join(home, "nobody.jsonl"),
      ],
      "dave.t-pw\n",
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no completed export of nobody@");
  }, 60_000);

  it("connects over imaps (TLS, certificate checked against the CA the admin trusts) and refuses an untrusted certificate", async () => {
    const tls = dovecot.tls as { port: number; caFile: string };
    await dovecot.setUser("frank.t", "frank-pw");
    const map = join(home, "frank.csv");
    writeFileSync(map, `mailbox,target_login,password\nalice@${DOMAIN},frank.t,frank-pw\n`, { mode: 0o600 });
    const args = [
      "migrate",
      "mail",
      "--to",
      `imaps://localhost:${tls.port}`,
      "--map",
      map,
      "--ledger",
      join(home, "frank.jsonl"),
      "-o",
      "json",
    ];
    const untrusted = await spawnCli(args, { env: { WMCTL_HOME: home }, timeoutMs: 60_000 });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/certificate/i);
    const r = await wmctl(args);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ copied: number }>)[0]?.copied).toBe(10);
  }, 60_000);
});
