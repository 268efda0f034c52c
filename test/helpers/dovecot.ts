import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { dovecotConfig } from "./dovecot-config.mjs";

const DOVECOT = "/usr/sbin/dovecot";

/** The target's SPECIAL-USE folders, named unlike WorkMail's so that the mapping is really tested. */
export const SPECIAL = { sent: "Sent Messages", trash: "Trash", junk: "Spam", drafts: "Drafts" } as const;

export interface DovecotUser {
  readonly user: string;
  readonly pass: string;
}

/**
 * A throwaway Dovecot (Debian's dovecot-imapd) on 127.0.0.1 and a free port: its own base, state
 * and mail folders under a temp folder, users from a passwd-file with plain passwords, maildir
 * storage, SPECIAL-USE folders "Sent Messages", "Trash", "Spam", "Drafts", no TLS. As root, mail is
 * owned by the package's `dovecot` user and the login processes run as `dovenull` (Dovecot refuses
 * root for both); as another user, everything runs as that user. Dovecot missing is an error, not
 * a skip: CI installs it (.ci/run).
 */
export class Dovecot {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly users: DovecotUser[],
    /** With `tls`: the imaps port, and the test CA that signed the server's certificate (for NODE_EXTRA_CA_CERTS). */
    readonly tls: { readonly port: number; readonly caFile: string } | undefined,
  ) {}

  get url(): string {
    return `imap://127.0.0.1:${this.port}`;
  }

  /** `tls`: also listen for imaps, with a certificate for localhost and 127.0.0.1 from a throwaway CA (openssl). */
  static async start(users: readonly DovecotUser[], options: { tls?: boolean } = {}): Promise<Dovecot> {
    if (!existsSync(DOVECOT))
      throw new Error(`Dovecot is not installed (${DOVECOT} is missing): apt-get install -y dovecot-imapd`);
    const dir = mkdtempSync(join(tmpdir(), "wmctl-dovecot-"));
    chmodSync(dir, 0o755);
    for (const d of ["base", "state", "mail"]) mkdirSync(join(dir, d), { mode: 0o755 });
    const root = process.getuid?.() === 0;
    if (root) chownSync(join(dir, "mail"), uidOf("dovecot"), gidOf("dovecot"));
    const me = userInfo().username;
    const port = await freePort();
    const tls = options.tls === true ? { port: await freePort(), caFile: join(dir, "tls", "ca.pem") } : undefined;
    if (tls !== undefined) makeCertificates(join(dir, "tls"));
    const d = new Dovecot(dir, port, [...users], tls);
    d.writeUsers();
    writeFileSync(
      join(dir, "dovecot.conf"),
      dovecotConfig({
        dir,
        port,
        ...(tls === undefined ? {} : { tls: { port: tls.port } }),
        root,
        user: me,
        group: execFileSync("id", ["-gn"], { encoding: "utf8" }).trim(),
        special: SPECIAL,
      }),
    );
    // The master daemonizes and keeps its inherited descriptors: no pipes, or this would wait for it.
    const started = spawnSync(DOVECOT, ["-c", join(dir, "dovecot.conf")], { stdio: "ignore" });
    if (started.status !== 0)
      throw new Error(`Dovecot did not start (exit ${started.status}): ${d.log() || "see its config in " + dir}`);
    await waitForPort(port, 10_000);
    if (tls !== undefined) await waitForPort(tls.port, 10_000);
    return d;
  }

  /**
   * Adds or changes a user. Dovecot re-reads the passwd-file when it sees it changed, but not
   * necessarily at once: this waits until the login works.
   */
  async setUser(user: string, pass: string): Promise<void> {
    const i = this.users.findIndex((u) => u.user === user);
    if (i >= 0) this.users.splice(i, 1);
    this.users.push({ user, pass });
    this.writeUsers();
    for (let attempt = 0; ; attempt++) {
      try {
        await (await this.client(user)).logout();
        return;
      } catch (e) {
        if (attempt >= 40) throw new Error(`Dovecot does not accept the new user ${user}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** An imapflow client logged in as a user (for checking what landed). */
  async client(user: string): Promise<ImapFlow> {
    const u = this.users.find((x) => x.user === user);
    if (u === undefined) throw new Error(`no Dovecot user ${user}`);
    // With TLS on, the plain port offers STARTTLS too (imapflow takes it): trust the test CA.
    const c = new ImapFlow({
      host: "127.0.0.1",
      port: this.port,
      secure: false,
      auth: { user: u.user, pass: u.pass },
      logger: false,
      ...(this.tls === undefined ? {} : { tls: { ca: readFileSync(this.tls.caFile) } }),
    });
    await c.connect();
    return c;
  }

  /** Every folder of a user with its messages' Message-IDs, flags, internal dates and bytes. */
  async contents(
    user: string,
  ): Promise<
    Map<
      string,
      Array<{ uid: number; messageId: string | undefined; flags: string[]; internalDate: Date; source: Buffer }>
    >
  > {
    const c = await this.client(user);
    const out = new Map<
      string,
      Array<{ uid: number; messageId: string | undefined; flags: string[]; internalDate: Date; source: Buffer }>
    >();
    try {
      for (const f of await c.list()) {
        const list: Array<{
          uid: number;
          messageId: string | undefined;
          flags: string[];
          internalDate: Date;
          source: Buffer;
        }> = [];
        const lock = await c.getMailboxLock(f.path, { readOnly: true });
        try {
          if (c.mailbox !== false && c.mailbox.exists > 0) {
            for await (const m of c.fetch("1:*", {
              uid: true,
              envelope: true,
              flags: true,
              internalDate: true,
              source: true,
            })) {
              list.push({
                uid: m.uid,
                messageId: m.envelope?.messageId,
                flags: [...(m.flags ?? [])],
                internalDate: new Date(m.internalDate as Date),
                source: m.source as Buffer,
              });
            }
          }
        } finally {
          lock.release();
        }
        out.set(f.path, list);
      }
    } finally {
      await c.logout();
    }
    return out;
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, "dovecot.log"), "utf8");
    } catch {
      return "";
    }
  }

  async stop(): Promise<void> {
    const pidFile = join(this.dir, "base", "master.pid");
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      try {
        process.kill(pid, "SIGTERM");
        for (let i = 0; i < 100; i++) {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 50));
        }
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    if (process.env.WMCTL_KEEP_DOVECOT === undefined) rmSync(this.dir, { recursive: true, force: true });
  }

  private writes = 0;

  private writeUsers(): void {
    const file = join(this.dir, "users");
    writeFileSync(
      file,
      this.users.map((u) => `${u.user}:{PLAIN}${u.pass}::::${this.dir}/mail/${u.user}::\n`).join(""),
      { mode: 0o644 },
    );
    // Dovecot re-reads the file when its mtime changes, in whole seconds: make each write a new second.
    const t = Math.floor(Date.now() / 1000) + ++this.writes;
    utimesSync(file, t, t);
  }
}

/** A CA and a server certificate for localhost / 127.0.0.1, with the openssl command. */
function makeCertificates(dir: string): void {
  mkdirSync(dir, { mode: 0o755 });
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=wmctl test CA",
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=localhost",
  );
  writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "san.ext",
  );
}

function uidOf(name: string): number {
  return Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
}
function gidOf(name: string): number {
  return Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a !== null ? a.port : 0));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = createConnection({ host: "127.0.0.1", port }, () => {
        c.destroy();
        r(true);
      });
      c.once("error", () => r(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
