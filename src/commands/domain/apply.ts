import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { bareZoneId, fqdn, type HostedZonesApi } from "../../backend/hosted-zones.js";
import { NotFoundError, UsageError } from "../../errors/cli-error.js";
import { pollUntil } from "../../wait/poll.js";
import { planRecordSets, presentation, type ExistingSet, type PlanItem } from "./plan-records.js";
import { domainArg, recordRows } from "./view.js";

const APPLY_FIELDS = ["action", "purpose", "type", "name", "ttl", "before", "after", "note"] as const;

export const domainApplyCommand = defineCommand({
  name: "apply",
  summary: "Publish WorkMail's records for a domain in its Route 53 hosted zone",
  description:
    "Reads the records WorkMail asks for, compares them with the hosted zone, shows the difference and\n" +
    "UPSERTs what is missing or different in one change batch. Nothing of yours is lost: other TXT values\n" +
    "stay, an existing SPF record gets include:amazonses.com added, an existing DMARC policy is kept.\n" +
    "The MX record is replaced (WorkMail should be the only MX): switch it only once users and mailboxes\n" +
    "are ready, or use --skip-mx. On the aws backend this is Route 53; on the local backend, the\n" +
    "simulator's own zones (served by its DNS server).",
  examples: [
    "wmctl domain apply example.com --dry-run",
    "wmctl domain apply example.com --wait",
    "wmctl domain apply example.com --hosted-zone Z0123456789ABCDEFGHIJ --skip-mx",
  ],
  args: [{ name: "domain", describe: "the domain" }],
  options: {
    hostedZone: {
      kind: "string",
      placeholder: "id",
      describe: "The hosted zone to write to (default: the public zone whose name is closest to the domain)",
    },
    createZone: {
      kind: "boolean",
      describe: "Create a public hosted zone for the domain when there is none (Route 53 charges for zones)",
    },
    skipMx: { kind: "boolean", describe: "Leave the MX record alone (mail keeps flowing where it flows now)" },
    wait: { kind: "boolean", describe: "Wait until Route 53 reports the change INSYNC" },
    timeout: { kind: "duration", default: "10m", describe: "How long --wait waits (exit 8 when still PENDING)" },
  },
  output: { fields: APPLY_FIELDS, columns: ["action", "type", "name", "after", "note"], list: true },
  mutating: true,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const result = await publishRecords(ctx, await ctx.org(), domain, opts, (plan) => {
      for (const p of plan) ctx.out.row(applyView(p));
    });
    if (result.changed > 0) ctx.out.info(`Next: wmctl domain verify ${domain}${opts.wait ? " --wait" : ""}`);
  },
});

export interface PublishOptions {
  readonly hostedZone?: string | undefined;
  readonly createZone: boolean;
  readonly skipMx: boolean;
  readonly wait: boolean;
  readonly timeout: number;
  readonly dryRun: boolean;
}

/**
 * GetMailDomain's records into the domain's hosted zone: find (or create) the zone, plan the
 * merge, UPSERT the changes, hand the plan to `show` (once submitted, before any wait), optionally
 * wait for INSYNC. With --dry-run the changes are `plan`ned instead. Shared by `domain apply` and
 * `setup`.
 */
export async function publishRecords(
  ctx: CommandContext,
  orgId: string,
  domain: string,
  opts: PublishOptions,
  show: (plan: readonly PlanItem[]) => void,
): Promise<{ plan: PlanItem[]; zoneId: string | undefined; changed: number }> {
  const api = await ctx.backend();
  const d = await api.getMailDomain({ OrganizationId: orgId, DomainName: domain });
  if (d.IsTestDomain) {
    ctx.out.info(`${domain} is WorkMail's test domain: it needs no DNS records`);
    return { plan: [], zoneId: undefined, changed: 0 };
  }
  const zones = await ctx.hostedZones();
  // The simulator's zones, in-process or served at --endpoint-url: a missing zone is simply created.
  const simulated =
    zones.kind === "local" ||
    (ctx.settings.endpointUrl !== undefined &&
      ctx.settings.route53EndpointUrl === undefined &&
      (await ctx.findSimulator()).control !== undefined);
  let zoneId = opts.hostedZone === undefined ? await findZone(zones, domain) : bareZoneId(opts.hostedZone);
  if (zoneId === undefined) {
    if (!opts.createZone && !simulated) {
      throw new NotFoundError(
        `no public Route 53 hosted zone holds ${domain}`,
        `pass --hosted-zone ID, or --create-zone to create one (then delegate the domain to its name servers)`,
      );
    }
    if (opts.dryRun) {
      ctx.out.plan({ action: "CreateHostedZone", target: `${domain}.` });
    } else {
      const created = await zones.createHostedZone({
        Name: domain,
        CallerReference: `wmctl-${randomUUID()}`,
        HostedZoneConfig: { Comment: `Amazon WorkMail domain ${domain}`, PrivateZone: false },
      });
      zoneId = bareZoneId(created.HostedZone?.Id ?? "");
      const ns = created.DelegationSet?.NameServers ?? [];
      ctx.out.status(
        `Created hosted zone ${zoneId} for ${domain}${ns.length ? `; name servers: ${ns.join(", ")}` : ""}`,
      );
    }
  }
  const existing = zoneId === undefined ? [] : await recordSets(zones, zoneId);
  // A zone named with --hosted-zone must hold the domain (its SOA names the zone's apex).
  const apex = existing
    .find((s) => s.type === "SOA")
    ?.name.toLowerCase()
    .replace(/\.$/, "");
  if (opts.hostedZone !== undefined && apex !== undefined && domain !== apex && !domain.endsWith(`.${apex}`)) {
    throw new UsageError(
      `hosted zone ${zoneId ?? opts.hostedZone} is ${apex}, which does not hold ${domain}`,
      "name the zone of the domain or of a parent domain, or leave out --hosted-zone to find it by name",
    );
  }
  const plan = planRecordSets(recordRows(domain, d.Records ?? []), existing, { skipMx: opts.skipMx });
  const changes = plan.filter((p) => p.action === "create" || p.action === "update");
  for (const p of plan.filter((x) => x.action === "skip")) ctx.out.warn(`skip ${p.type} ${p.name}: ${p.note ?? ""}`);
  if (opts.dryRun) {
    for (const p of changes)
      ctx.out.plan({
        action: `UPSERT ${p.type}`,
        target: `${p.name}.`,
        details: { from: p.before.join(" | ") || undefined, to: p.after.join(" | "), note: p.note },
      });
    if (changes.length === 0) ctx.out.info(`${domain}: the zone already holds every record`);
    return { plan, zoneId, changed: 0 };
  }
  if (changes.length === 0) {
    ctx.out.status(`${domain}: the zone already holds every record; nothing to change`);
    show(plan);
    return { plan, zoneId, changed: 0 };
  }
  const res = await zones.changeResourceRecordSets({
    HostedZoneId: zoneId,
    ChangeBatch: {
      Comment: `wmctl domain apply ${domain}`,
      Changes: changes.map((p) => ({
        Action: "UPSERT" as const,
        ResourceRecordSet: {
          Name: fqdn(p.name),
          Type: p.type as "TXT",
          TTL: p.ttl,
          ResourceRecords: p.after.map((v) => ({ Value: presentation(p.type, v) })),
        },
      })),
    },
  });
  const changeId = res.ChangeInfo?.Id ?? "";
  ctx.out.status(
    `Submitted ${changes.length} record set change${changes.length === 1 ? "" : "s"} to zone ${zoneId} (${changeId}, ${res.ChangeInfo?.Status ?? "PENDING"})`,
  );
  show(plan);
  if (opts.wait && res.ChangeInfo?.Status !== "INSYNC") {
    await pollUntil({
      what: `change ${changeId} to be INSYNC`,
      timeoutMs: opts.timeout,
      intervalMs: simulated ? 200 : 5000,
      check: async () => {
        const c = await zones.getChange({ Id: changeId });
        return { done: c.ChangeInfo?.Status === "INSYNC", value: c.ChangeInfo?.Status };
      },
      onPending: (s) => ctx.out.info(`change ${changeId} is ${s ?? "PENDING"}...`),
    });
    ctx.out.status(`Change ${changeId} is INSYNC on the zone's name servers`);
  }
  return { plan, zoneId, changed: changes.length };
}

function applyView(p: PlanItem) {
  return {
    action: p.action,
    purpose: p.purpose,
    type: p.type,
    name: p.name,
    ttl: p.ttl,
    before: [...p.before],
    after: [...p.after],
    note: p.note,
  };
}

/** The public zone whose name is the domain or its closest parent. */
async function findZone(zones: HostedZonesApi, domain: string): Promise<string | undefined> {
  const labels = domain.split(".");
  const candidates = labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
  const found = await Promise.all(
    candidates.map(async (name) => {
      const res = await zones.listHostedZonesByName({ DNSName: name, MaxItems: 10 });
      return (res.HostedZones ?? []).find((z) => z.Name === `${name}.` && z.Config?.PrivateZone !== true);
    }),
  );
  const zone = found.find((z) => z !== undefined);
  return zone?.Id === undefined ? undefined : bareZoneId(zone.Id);
}

async function recordSets(zones: HostedZonesApi, zoneId: string): Promise<ExistingSet[]> {
  const out: ExistingSet[] = [];
  let start: { name?: string; type?: string } = {};
  for (let page = 0; page < 1000; page++) {
    const res = await zones.listResourceRecordSets({
      HostedZoneId: zoneId,
      ...(start.name === undefined ? {} : { StartRecordName: start.name }),
      ...(start.type === undefined ? {} : { StartRecordType: start.type as "TXT" }),
    });
    for (const s of res.ResourceRecordSets ?? []) {
      out.push({
        name: s.Name ?? "",
        type: s.Type ?? "",
        ttl: s.TTL,
        values: (s.ResourceRecords ?? []).map((r) => r.Value ?? ""),
        alias: s.AliasTarget !== undefined,
      });
    }
    if (!res.IsTruncated) break;
    start = {
      ...(res.NextRecordName === undefined ? {} : { name: res.NextRecordName }),
      ...(res.NextRecordType === undefined ? {} : { type: res.NextRecordType }),
    };
  }
  return out;
}
