import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RRType } from "@aws-sdk/client-route-53";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import {
  startAutodiscoverServer,
  type RunningAutodiscoverServer,
} from "../../src/local-backend/autodiscover/server.js";
import { startDnsServer, type RunningDnsServer } from "../../src/local-backend/dns/server.js";
import { LocalBackend } from "../../src/local-backend/index.js";
import { LocalHostedZones } from "../../src/local-backend/route53/local-hosted-zones.js";
import { quoteTxt } from "../../src/local-backend/route53/record-values.js";

/**
 * A simulator for DNS and AutoDiscover tests: a LocalBackend on a temporary store, its local
 * Route 53, and (on demand) its DNS and AutoDiscover servers on loopback ports.
 */
export class LocalSim {
  readonly dir: string;
  readonly backend: LocalBackend & WorkMailApi;
  readonly zones: LocalHostedZones;
  dns?: RunningDnsServer;
  autodiscover?: RunningAutodiscoverServer;

  private constructor(
    dir: string,
    backend: LocalBackend & WorkMailApi,
    private readonly ownsDir: boolean,
  ) {
    this.dir = dir;
    this.backend = backend;
    this.zones = new LocalHostedZones((fn) => backend.tx(fn));
  }

  static async open(options: { dir?: string; region?: string } = {}): Promise<LocalSim> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "wmctl-sim-"));
    return new LocalSim(
      dir,
      await LocalBackend.open({ dir, region: options.region ?? "us-east-1" }),
      options.dir === undefined,
    );
  }

  async startDns(advertise = false): Promise<RunningDnsServer> {
    this.dns = await startDnsServer({ db: this.backend.db, advertise });
    return this.dns;
  }

  async startAutodiscover(advertise = false): Promise<RunningAutodiscoverServer> {
    this.autodiscover = await startAutodiscoverServer({ db: this.backend.db, region: this.backend.region, advertise });
    return this.autodiscover;
  }

  /** An organization with an enabled user (bob, password Passw0rd!x) on its test domain. */
  async orgWithUser(alias = "acme"): Promise<{ org: string; userId: string; email: string; password: string }> {
    const org = (await this.backend.createOrganization({ Alias: alias })).OrganizationId as string;
    const password = "Passw0rd!x";
    const userId = (
      await this.backend.createUser({
        OrganizationId: org,
        Name: "bob",
        DisplayName: "Bob Builder",
        Password: password,
      })
    ).UserId as string;
    const email = `bob@${alias}.awsapps.com`;
    await this.backend.registerToWorkMail({ OrganizationId: org, EntityId: userId, Email: email });
    return { org, userId, email, password };
  }

  /** The zone for a domain (created when missing). */
  async zoneId(domain: string): Promise<string> {
    const found = (await this.zones.listHostedZonesByName({ DNSName: domain })).HostedZones?.find(
      (z) => z.Name === `${domain}.`,
    );
    if (found?.Id !== undefined) return found.Id;
    return (await this.zones.createHostedZone({ Name: domain, CallerReference: `test-${domain}` })).HostedZone
      ?.Id as string;
  }

  async upsert(domain: string, name: string, type: RRType, values: readonly string[], ttl = 300): Promise<void> {
    const zone = await this.zoneId(domain);
    await this.zones.changeResourceRecordSets({
      HostedZoneId: zone,
      ChangeBatch: {
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: name,
              Type: type,
              TTL: ttl,
              ResourceRecords: values.map((v) => ({ Value: type === "TXT" ? quoteTxt(v) : v })),
            },
          },
        ],
      },
    });
  }

  /** Publishes every record GetMailDomain asks for. */
  async publish(org: string, domain: string): Promise<void> {
    const d = await this.backend.getMailDomain({ OrganizationId: org, DomainName: domain });
    for (const r of d.Records ?? [])
      await this.upsert(domain, r.Hostname as string, r.Type as RRType, [r.Value as string]);
  }

  async close(): Promise<void> {
    await this.dns?.close();
    await this.autodiscover?.close();
    this.backend.close();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
