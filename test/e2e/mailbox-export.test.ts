import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailOrg } from "../helpers/mail-org.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-mail-"));
const env = { WMCTL_HOME: home };
const wmctl = (...args: string[]) => spawnCli(args, { env });
afterAll(() => rmSync(home, { recursive: true, force: true }));

const CRLF = "\r\n";
const b64 = (b: Buffer) => b.toString("base64").replace(/.{76}/g, `$&${CRLF}`);
const png = randomBytes(30_000);
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(20_000)]);

/** Messages as a mail client would store them: encoded and raw UTF-8 headers, attachments. */
const inbox: Record<string, Buffer> = {
  "01-encoded-headers.eml": Buffer.from(
    [
      "From: =?ISO-8859-1?Q?Fran=E7ois_Ch=E2teau?= <francois@example.fr>",
      "To: alice@e2email.awsapps.com",
      "Subject: =?UTF-8?B?w5xiZXJwcsO8ZnVuZyBkZXIgUXVhcnRhbHN6YWhsZW4g4oCTIOaXpeacrOiqng==?=",
      "Date: Mon, 7 Oct 2024 09:15:00 +0200",
      "Message-ID: <encoded@example.fr>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Gr=C3=BC=C3=9Fe aus Paris =E2=80=93 voil=C3=A0.",
      "",
    ].join(CRLF),
  ),
  "02-attachments.eml": Buffer.from(
    [
      "From: Bob <bob@example.com>",
      "To: alice@e2email.awsapps.com",
      "Subject: Q3 report and photo",
      "Date: Tue, 8 Oct 2024 10:00:00 +0000",
      "Message-ID: <attachments@example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="==b1=="',
      "",
      "--==b1==",
      "Content-Type: text/plain; charset=us-ascii",
      "",
      "See attached.",
      "--==b1==",
      'Content-Type: image/png; name="photo.png"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="photo.png"',
      "",
      b64(png),
      "--==b1==",
      "Content-Type: application/pdf",
      "Content-Transfer-Encoding: base64",
      "Content-Disposition: attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%202024.pdf",
      "",
      b64(pdf),
      "--==b1==--",
      "",
    ].join(CRLF),
  ),
  "03-raw-utf8.eml": Buffer.from(
    [
      "From: Jürgen <juergen@example.de>",
      "To: alice@e2email.awsapps.com",
      "Subject: Grüße – 8-bit UTF-8 in the header",
      "Message-ID: <raw8bit@example.de>",
      "",
      "Schöne Grüße",
      "",
    ].join(CRLF),
    "utf8",
  ),
};
const projects: Record<string, Buffer> = {
  "p1.eml": Buffer.from(`Subject: Projekt Alpha${CRLF}From: a@example.com${CRLF}${CRLF}Alpha${CRLF}`),
  "p2.eml": Buffer.from(`Subject: Projekt Beta${CRLF}From: b@example.com${CRLF}${CRLF}Beta${CRLF}`),
};
/** Sent mail in an mbox (LF line ends, mboxrd quoting of a body line starting with "From "). */
const sent = [
  "Subject: sent one\nFrom: alice@e2email.awsapps.com\nTo: x@example.com\n\nFrom the desk of Alice\n",
  "Subject: sent two\nFrom: alice@e2email.awsapps.com\nTo: y@example.com\n\nsecond\n",
  "Subject: =?UTF-8?Q?sent_three_=E2=9C=93?=\nFrom: alice@e2email.awsapps.com\nTo: z@example.com\n\nthird\n",
];
const invite = Buffer.from(
  [
    "Subject: Planning",
    "From: bob@example.com",
    "MIME-Version: 1.0",
    "Content-Type: text/calendar; method=REQUEST; charset=utf-8",
    "",
    "BEGIN:VCALENDAR",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    "SUMMARY:Planning",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join(CRLF),
);
const contact = Buffer.from(
  ["BEGIN:VCARD", "VERSION:3.0", "FN:Bob Builder", "EMAIL:bob@example.com", "END:VCARD", ""].join(CRLF),
);

interface Entry {
  name: string;
  data: Buffer | undefined;
}

async function unzip(path: string): Promise<Entry[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out: Entry[] = [];
  for await (const entry of (zip as unknown as { eachEntry(): AsyncIterable<yauzl.Entry> }).eachEntry()) {
    if (entry.fileName.endsWith("/")) {
      out.push({ name: entry.fileName, data: undefined });
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  zip.close();
  return out;
}

describe("delivering real messages and exporting the mailbox (built CLI)", () => {
  const src = join(home, "src");
  beforeAll(async () => {
    expect((await wmctl("org", "create", "e2email")).code).toBe(0);
    const o = await MailOrg.attach(home);
    await o.user("alice");
    await o.close();
    mkdirSync(join(src, "inbox"), { recursive: true });
    mkdirSync(join(src, "projects"), { recursive: true });
    for (const [n, b] of Object.entries(inbox)) writeFileSync(join(src, "inbox", n), b);
    for (const [n, b] of Object.entries(projects)) writeFileSync(join(src, "projects", n), b);
    const quoted = sent
      .map((m, i) => `From alice@e2email.awsapps.com Wed Oct  9 1${i}:00:00 2024\n${m.replace(/^From /m, ">From ")}\n`)
      .join("");
    writeFileSync(join(src, "sent.mbox"), quoted);
    writeFileSync(join(src, "invite.eml"), invite);
    writeFileSync(join(src, "bob.vcf"), contact);
  });

  it("delivers, exports, and the zip holds every message's MIME bytes by folder, as the log says", async () => {
    const to = ["local", "deliver", "--to", "alice@e2email.awsapps.com"];
    const first = await wmctl(...to, join(src, "inbox"), "-o", "json");
    expect(first.code, first.stderr).toBe(0);
    const parsed = JSON.parse(first.stdout) as Array<{ subject: string; attachments: number; status: string }>;
    expect(parsed.map((m) => [m.status, m.subject, m.attachments])).toEqual([
      ["DELIVERED", "Überprüfung der Quartalszahlen – 日本語", 0],
      ["DELIVERED", "Q3 report and photo", 2],
      ["DELIVERED", "Grüße – 8-bit UTF-8 in the header", 0],
    ]);
    for (const args of [
      ["--folder", "Sent Items", join(src, "sent.mbox")],
      ["--folder", "Inbox/Projekte/2024", join(src, "projects")],
      [join(src, "invite.eml"), join(src, "bob.vcf")],
    ]) {
      const r = await wmctl(...to, ...args);
      expect(r.code, r.stderr).toBe(0);
    }

    const started = await wmctl("export", "start", "alice", "--wait", "-o", "json");
    expect(started.code, started.stderr).toBe(0);
    const job = JSON.parse(started.stdout) as { id: string; state: string; location: string };
    expect(job.state).toBe("COMPLETED");

    const entries = await unzip(job.location);
    const folders = entries
      .filter((e) => e.data === undefined)
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([
      "Calendar/",
      "Deleted Items/",
      "Drafts/",
      "Inbox/",
      "Inbox/Projekte/",
      "Inbox/Projekte/2024/",
      "Junk E-mail/",
      "Sent Items/",
    ]);
    const byFolder = (folder: string) =>
      entries
        .filter((e) => e.data !== undefined && e.name.slice(0, e.name.lastIndexOf("/")) === folder)
        .map((e) => (e.data as Buffer).toString("base64"))
        .sort();
    const expected = (bufs: Buffer[]) => bufs.map((b) => b.toString("base64")).sort();
    expect(byFolder("Inbox")).toEqual(expected(Object.values(inbox)));
    expect(byFolder("Inbox/Projekte/2024")).toEqual(expected(Object.values(projects)));
    expect(byFolder("Sent Items")).toEqual(expected(sent.map((m) => Buffer.from(m))));
    expect(byFolder("Calendar")).toEqual(expected([invite]));
    expect(entries.every((e) => e.data === undefined || e.name.endsWith(".eml"))).toBe(true);

    const log = JSON.parse(readFileSync(job.location.replace(/\.zip$/, ".log.json"), "utf8")) as Record<string, string>;
    const messages = entries.filter((e) => e.data !== undefined);
    expect(log).toEqual({
      totalNonExportableItems: "1",
      totalMessages: String(messages.length),
      sha384Hash: createHash("sha384").update(readFileSync(job.location)).digest("hex"),
      totalBytes: String(messages.reduce((n, e) => n + (e.data as Buffer).length, 0)),
      totalFolders: "8",
      startTime: expect.stringMatching(/^\d{10}$/),
      endTime: expect.stringMatching(/^\d{10}$/),
    });
    expect(messages).toHaveLength(3 + 2 + 3 + 1);

    const verified = await wmctl("export", "verify", job.id);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it("counts every stored byte in the mailbox's size, the contact included", async () => {
    const r = await wmctl("mailbox", "describe", "alice", "-o", "json");
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as { sizeMegabytes: number };
    const total = [
      ...Object.values(inbox),
      ...Object.values(projects),
      ...sent.map((s) => Buffer.from(s)),
      invite,
      contact,
    ].reduce((n, b) => n + b.length, 0);
    expect(Math.round(m.sizeMegabytes * 1024 * 1024)).toBe(total);
  });
});
