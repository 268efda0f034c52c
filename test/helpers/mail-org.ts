import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SimulatorControl } from "../../src/backend/simulator-control.js";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend, localControl } from "../../src/local-backend/index.js";
import { setMeta } from "../../src/local-backend/store/meta.js";
import { LIFECYCLE_KEY, type LifecycleSettings } from "../../src/local-backend/sim.js";
import { targetApi, type TargetApi } from "./wire-target.js";

const PASSWORD = "Sim-Passw0rd!";

/**
 * A simulator store with one organization, for mailbox and export tests. Users are created the way
 * an admin does (CreateUser + RegisterToWorkMail on the test domain), groups and resources with
 * their operations. `api` and `control` reach the store the way this run's target says (in-process,
 * or the real SDK and the admin path of the served store: see wire-target.ts); `backend` is the
 * store itself.
 */
export class MailOrg {
  private constructor(
    readonly dir: string,
    readonly backend: LocalBackend & WorkMailApi,
    readonly target: TargetApi | undefined,
    readonly control: SimulatorControl,
    readonly orgId: string,
    readonly domain: string,
    private readonly ownsDir: boolean,
  ) {}

  static async open(options: { dir?: string; alias?: string; region?: string } = {}): Promise<MailOrg> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "wmctl-mail-"));
    const backend = await LocalBackend.open({ dir, region: options.region ?? "us-east-1" });
    const target = await targetApi(dir, backend);
    const alias = options.alias ?? `t${randomUUID().slice(0, 8)}`;
    const { OrganizationId } = await target.api.createOrganization({ Alias: alias, ClientToken: randomUUID() });
    return new MailOrg(
      dir,
      backend,
      target,
      target.control,
      OrganizationId as string,
      `${alias}.awsapps.com`,
      options.dir === undefined,
    );
  }

  /** The store of a CliHarness (its WMCTL_HOME), whose first organization the CLI created (in-process). */
  static async attach(dir: string): Promise<MailOrg> {
    const backend = await LocalBackend.open({ dir, region: "us-east-1" });
    const org = (await backend.listOrganizations({})).OrganizationSummaries?.[0];
    if (org?.OrganizationId === undefined) throw new Error(`no organization in ${dir}`);
    return new MailOrg(
      dir,
      backend,
      undefined,
      localControl(backend),
      org.OrganizationId,
      org.DefaultMailDomain as string,
      false,
    );
  }

  get api(): WorkMailApi {
    return this.target?.api ?? this.backend;
  }

  email(name: string): string {
    return `${name}@${this.domain}`;
  }

  async user(name: string, options: { enable?: boolean; role?: "USER" | "REMOTE_USER" } = {}): Promise<string> {
    const { UserId } = await this.api.createUser({
      OrganizationId: this.orgId,
      Name: name,
      DisplayName: name,
      Password: PASSWORD,
      ...(options.role ? { Role: options.role } : {}),
    });
    if (options.enable !== false)
      await this.api.registerToWorkMail({
        OrganizationId: this.orgId,
        EntityId: UserId as string,
        Email: this.email(name),
      });
    return UserId as string;
  }

  async group(name: string, members: readonly string[] = []): Promise<string> {
    const { GroupId } = await this.api.createGroup({ OrganizationId: this.orgId, Name: name });
    await this.api.registerToWorkMail({
      OrganizationId: this.orgId,
      EntityId: GroupId as string,
      Email: this.email(name),
    });
    for (const m of members)
      await this.api.associateMemberToGroup({ OrganizationId: this.orgId, GroupId: GroupId as string, MemberId: m });
    return GroupId as string;
  }

  async resource(name: string): Promise<string> {
    const { ResourceId } = await this.api.createResource({ OrganizationId: this.orgId, Name: name, Type: "ROOM" });
    await this.api.registerToWorkMail({
      OrganizationId: this.orgId,
      EntityId: ResourceId as string,
      Email: this.email(name),
    });
    return ResourceId as string;
  }

  async disable(entityId: string): Promise<void> {
    await this.api.deregisterFromWorkMail({ OrganizationId: this.orgId, EntityId: entityId });
  }

  /** Sets simulator lifecycle delays (export job durations ...). */
  lifecycle(settings: Partial<LifecycleSettings>): void {
    setMeta(this.backend.db, LIFECYCLE_KEY, settings);
  }

  async deliver(to: string | string[], messages: Array<string | Buffer>, folder?: string) {
    return this.control.deliver({
      organizationId: this.orgId,
      to: Array.isArray(to) ? to : [to],
      ...(folder === undefined ? {} : { folder }),
      messages: messages.map((m, i) => ({ name: `m${i + 1}.eml`, raw: typeof m === "string" ? Buffer.from(m) : m })),
    });
  }

  /** Messages per folder of a mailbox, straight from the store's index. */
  folderCounts(name: string): Record<string, number> {
    const rows = this.backend.db
      .prepare<[string, string], { path: string; n: number }>(
        `SELECT f.path, count(i.seq) AS n FROM mail_folders f JOIN entities e ON e.org_id = f.org_id AND e.id = f.entity_id
           LEFT JOIN mail_items i ON i.folder_id = f.id
          WHERE f.org_id = ? AND e.name = ? GROUP BY f.path`,
      )
      .all(this.orgId, name);
    return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.path, r.n]));
  }

  async close(): Promise<void> {
    await this.target?.close();
    this.backend.close();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small MIME message; `extra` adds headers. */
export function message(subject: string, body = "Hello.\r\n", extra = ""): string {
  return `From: Sender <sender@example.com>\r\nTo: someone@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@example.com>\r\nDate: Tue, 1 Oct 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}`;
}
