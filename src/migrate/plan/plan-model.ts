import type { DomainMap } from "../../inventory/domain-map.js";
import { domainOfAddress } from "../../inventory/domain-map.js";
import type {
  DnsRecordData,
  EntityKind,
  GroupData,
  InventoryDocument,
  MailboxPermissionData,
  MemberRef,
  ResourceData,
  UserData,
} from "../../inventory/document.js";

/**
 * The migration plan as data: which address of which WorkMail user, group and resource lands on
 * which object of the target, and why the others cannot. Every writer (mapping.csv, users.csv,
 * provision.ps1, the GAM batch, zone files, runbook.md) renders this one model.
 */
const PLAN_TARGETS = ["m365", "google", "imap"] as const;
export type PlanTarget = (typeof PLAN_TARGETS)[number];

export const TARGET_NAMES: Readonly<Record<PlanTarget, string>> = {
  m365: "Microsoft 365",
  google: "Google Workspace",
  imap: "the IMAP server",
};

/** What an entity becomes on the target. */
type TargetType = "user" | "distribution-group" | "group" | "room" | "equipment" | "calendar-resource" | "mailbox";

export interface PlannedEntity<T extends UserData | GroupData | ResourceData = UserData | GroupData | ResourceData> {
  readonly kind: EntityKind;
  readonly name: string;
  readonly data: T;
  readonly targetType: TargetType;
  /** The entity's address on the target (its primary), when it lands. */
  readonly targetPrimary: string | undefined;
  /** Its other addresses that land, as target addresses (proxy addresses, aliases). */
  readonly targetAliases: readonly string[];
  /** A WorkMail mailbox that moves with `migrate mail` (enabled users; resources where the target has mailboxes for them). */
  readonly movesMailbox: boolean;
}

interface MappingRow {
  readonly address: string;
  readonly addressType: "primary" | "alias";
  readonly entity: string;
  readonly entityType: EntityKind;
  readonly status: "lands" | "cannot-land";
  readonly targetAddress: string;
  readonly targetType: TargetType | "";
  readonly targetIdentity: string;
  readonly reason: string;
}

export interface PlannedDomain {
  /** The WorkMail domain, and the domain it becomes on the target (the same unless --map-domain). */
  readonly source: string;
  readonly target: string;
  readonly isDefault: boolean;
  /** WorkMail's test domain (<alias>.awsapps.com), mapped onto a domain of the admin's: AWS manages its records. */
  readonly isTestDomain: boolean;
  /** What WorkMail asked the domain to publish (from the inventory): what to remove after the cutover. */
  readonly workmailRecords: readonly DnsRecordData[];
}

export interface Plan {
  readonly target: PlanTarget;
  readonly doc: InventoryDocument;
  readonly users: readonly PlannedEntity<UserData>[];
  readonly groups: readonly PlannedEntity<GroupData>[];
  readonly resources: readonly PlannedEntity<ResourceData>[];
  /** Every planned entity by `KIND:name` (members, delegates and grantees are named so). */
  readonly byName: ReadonlyMap<string, PlannedEntity>;
  readonly mapping: readonly MappingRow[];
  readonly domains: readonly PlannedDomain[];
  readonly permissions: readonly MailboxPermissionData[];
  /** Entities left out entirely (disabled, no address, system users), with why. */
  readonly left: ReadonlyArray<{ entity: string; entityType: EntityKind; reason: string }>;
  /** Things the admin must know (members that do not land, domain map entries without effect ...). */
  readonly notes: readonly string[];
}

/** `1 user`, `3 users`, `2 mailboxes`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const WORKMAIL_TEST_DOMAIN = /(^|\.)awsapps\.com$/;

/** The target address of a member, delegate or grantee by WorkMail name, when it lands. */
export function addressOf(plan: Plan, ref: { name: string; type?: string }): string | undefined {
  const kinds: readonly EntityKind[] =
    ref.type === "GROUP" ? ["GROUP"] : ref.type === "USER" ? ["USER", "RESOURCE"] : ["USER", "GROUP", "RESOURCE"];
  for (const kind of kinds) {
    const e = plan.byName.get(`${kind}:${ref.name}`);
    if (e !== undefined) return e.targetPrimary;
  }
  return undefined;
}

/** Builds the plan: decides for every address whether and where it lands. Pure. */
export function buildPlan(doc: InventoryDocument, target: PlanTarget, map: DomainMap): Plan {
  const a = doc.areas;
  const domains = (a.domains ?? []).map((d) => ({ ...d, name: d.name.toLowerCase() }));
  const known = new Set(domains.filter((d) => !d.isTestDomain).map((d) => d.name));
  const mapping: MappingRow[] = [];
  const left: Array<{ entity: string; entityType: EntityKind; reason: string }> = [];
  const notes: string[] = [];
  const taken = new Map<string, string>();

  /** Why an address cannot land on the target, or undefined when it can. */
  const domainProblem = (address: string): string | undefined => {
    const d = domainOfAddress(address);
    if (map.has(d))
      return WORKMAIL_TEST_DOMAIN.test(map.domain(d))
        ? `it maps to ${map.domain(d)}, a WorkMail test domain the target cannot use`
        : undefined;
    if (WORKMAIL_TEST_DOMAIN.test(d))
      return `${d} is WorkMail's test domain and stays with AWS: map it to one of your domains with --map-domain ${d}=DOMAIN, or leave the address behind`;
    if (domains.length > 0 && !known.has(d))
      return `${d} is not a mail domain of the organization's inventory: map it with --map-domain ${d}=DOMAIN`;
    return undefined;
  };

  function plan<T extends UserData | GroupData | ResourceData>(
    kind: EntityKind,
    data: T,
    targetType: TargetType,
    why: { entity?: string; aliases?: string },
    movesMailbox: boolean,
  ): PlannedEntity<T> {
    const addresses = [
      ...(data.email === undefined ? [] : [{ address: data.email, addressType: "primary" as const }]),
      ...data.aliases
        .filter((x) => x.toLowerCase() !== data.email?.toLowerCase())
        .map((address) => ({ address, addressType: "alias" as const })),
    ];
    const decided = addresses.map((x) => {
      const mapped = map.address(x.address).toLowerCase();
      let reason = why.entity ?? (x.addressType === "alias" ? why.aliases : undefined) ?? domainProblem(x.address);
      const holder = taken.get(mapped);
      if (reason === undefined && holder !== undefined)
        reason = `${mapped} is already the target address of ${holder} (two domains map onto one)`;
      if (reason === undefined) taken.set(mapped, `${kind.toLowerCase()} ${data.name}`);
      return { ...x, mapped, reason };
    });
    const landing = decided.filter((x) => x.reason === undefined);
    const primary = landing[0]?.mapped;
    for (const x of decided) {
      const lands = x.reason === undefined;
      mapping.push({
        address: x.address,
        addressType: x.addressType,
        entity: data.name,
        entityType: kind,
        status: lands ? "lands" : "cannot-land",
        targetAddress: lands ? x.mapped : "",
        targetType: lands ? targetType : "",
        targetIdentity: lands ? (primary ?? "") : "",
        reason:
          x.reason ??
          (lands && x.addressType === "primary"
            ? ""
            : lands && x.mapped === primary
              ? "the primary address cannot land: this alias becomes the primary on the target"
              : ""),
      });
    }
    return {
      kind,
      name: data.name,
      data,
      targetType,
      targetPrimary: primary,
      targetAliases: landing.slice(1).map((x) => x.mapped),
      movesMailbox: movesMailbox && primary !== undefined,
    };
  }

  const noAliases =
    target === "imap"
      ? "an IMAP server has no aliases: set them up in the target's own alias or forwarding settings"
      : undefined;
  const users: PlannedEntity<UserData>[] = [];
  for (const u of a.users ?? []) {
    if (u.role === "SYSTEM_USER" || u.role === "RESOURCE" || u.state === "DELETED") continue;
    if (u.state !== "ENABLED" || u.email === undefined) {
      const reason =
        u.state !== "ENABLED" ? `${u.state.toLowerCase()} in WorkMail: it has no mailbox` : "it has no email address";
      if (u.email === undefined && u.aliases.length === 0) {
        left.push({ entity: u.name, entityType: "USER", reason });
        continue;
      }
      users.push(plan("USER", u, "user", { entity: `the user is ${reason}` }, false));
      continue;
    }
    if (u.role === "REMOTE_USER") {
      users.push(
        plan(
          "USER",
          u,
          "user",
          {
            entity:
              "a remote user (interoperability with Exchange): the mailbox lives on the Exchange server, not in WorkMail; move it from there",
          },
          false,
        ),
      );
      continue;
    }
    users.push(
      plan(
        "USER",
        u,
        target === "imap" ? "mailbox" : "user",
        noAliases === undefined ? {} : { aliases: noAliases },
        true,
      ),
    );
  }
  const groups: PlannedEntity<GroupData>[] = [];
  for (const g of a.groups ?? []) {
    if (g.state === "DELETED") continue;
    if (g.email === undefined && g.aliases.length === 0) {
      left.push({
        entity: g.name,
        entityType: "GROUP",
        reason:
          g.state === "ENABLED" ? "it has no email address" : `${g.state.toLowerCase()} in WorkMail, no email address`,
      });
      continue;
    }
    const why =
      target === "imap"
        ? "an IMAP server has no distribution groups: create the list on the target's mail system"
        : g.state !== "ENABLED"
          ? `the group is ${g.state.toLowerCase()} in WorkMail`
          : undefined;
    groups.push(
      plan(
        "GROUP",
        g,
        target === "m365" ? "distribution-group" : "group",
        why === undefined ? {} : { entity: why },
        false,
      ),
    );
  }
  const resources: PlannedEntity<ResourceData>[] = [];
  for (const r of a.resources ?? []) {
    if (r.state === "DELETED") continue;
    if (r.email === undefined && r.aliases.length === 0) {
      left.push({ entity: r.name, entityType: "RESOURCE", reason: "it has no email address" });
      continue;
    }
    const disabled = r.state !== "ENABLED" ? `the resource is ${r.state.toLowerCase()} in WorkMail` : undefined;
    if (target === "google") {
      // Google calendar resources get generated addresses (c_...@resource.calendar.google.com) and no mailbox.
      const why =
        disabled ??
        "Google Workspace gives calendar resources generated addresses (…@resource.calendar.google.com): the resource is created by name (gam batch), its WorkMail addresses do not carry over";
      resources.push({ ...plan("RESOURCE", r, "calendar-resource", { entity: why }, false), targetPrimary: undefined });
      continue;
    }
    const type: TargetType = target === "imap" ? "mailbox" : r.type === "EQUIPMENT" ? "equipment" : "room";
    resources.push(
      plan(
        "RESOURCE",
        r,
        type,
        disabled === undefined ? (noAliases === undefined ? {} : { aliases: noAliases }) : { entity: disabled },
        disabled === undefined,
      ),
    );
  }

  const planned: Plan = {
    target,
    doc,
    users,
    groups,
    resources,
    byName: new Map([...users, ...groups, ...resources].map((e) => [`${e.kind}:${e.name}`, e as PlannedEntity])),
    mapping,
    domains:
      a.domains !== undefined
        ? domains
            .filter((d) => !d.isTestDomain || map.has(d.name))
            .map((d) => ({
              source: d.name,
              target: map.domain(d.name),
              isDefault: d.isDefault,
              isTestDomain: d.isTestDomain,
              workmailRecords: d.isTestDomain ? [] : d.records,
            }))
        : domainsOfAddresses(mapping, map),
    permissions: a["mailbox-permissions"] ?? [],
    left,
    notes,
  };
  for (const g of groups) {
    for (const m of g.data.members)
      if (g.targetPrimary !== undefined && addressOf(planned, m) === undefined)
        notes.push(`member ${m.name} of group ${g.name} does not land on the target: ${memberWhy(m)}`);
  }
  for (const r of resources) {
    for (const d of r.data.delegates)
      if (r.targetPrimary !== undefined && addressOf(planned, d) === undefined)
        notes.push(`delegate ${d.name} of resource ${r.name} does not land on the target: ${memberWhy(d)}`);
  }
  return planned;
}

/**
 * The user addresses behind a delegate: a user's own, a group's members' (nested groups
 * followed, each group once). For targets whose resource delegates must be mailboxes.
 */
export function userAddressesOf(plan: Plan, ref: MemberRef, seen = new Set<string>()): string[] {
  if (ref.type === "USER") {
    const a = addressOf(plan, ref);
    return a === undefined ? [] : [a];
  }
  if (seen.has(ref.name)) return [];
  seen.add(ref.name);
  const g = plan.byName.get(`GROUP:${ref.name}`)?.data as GroupData | undefined;
  return [...new Set((g?.members ?? []).flatMap((m) => userAddressesOf(plan, m, seen)))];
}

function memberWhy(m: MemberRef): string {
  return `the ${m.type.toLowerCase()} has no address there (see mapping.csv)`;
}

/** Without the inventory's domains area: the domains of the addresses that land, with no WorkMail records known. */
function domainsOfAddresses(mapping: readonly MappingRow[], map: DomainMap): PlannedDomain[] {
  const seen = new Map<string, PlannedDomain>();
  for (const m of mapping) {
    if (m.status !== "lands") continue;
    const source = domainOfAddress(m.address);
    if (!seen.has(source))
      seen.set(source, {
        source,
        target: map.domain(source),
        isDefault: false,
        isTestDomain: WORKMAIL_TEST_DOMAIN.test(source),
        workmailRecords: [],
      });
  }
  return [...seen.values()];
}

/** The mailboxes `migrate mail` copies: WorkMail primary address -> login on the target. */
export function plannedMailboxes(
  plan: Plan,
): Array<{ mailbox: string; targetLogin: string; entity: string; entityType: EntityKind }> {
  return [...plan.users, ...plan.resources]
    .filter((e) => e.movesMailbox && e.data.email !== undefined && e.targetPrimary !== undefined)
    .map((e) => ({
      mailbox: (e.data.email as string).toLowerCase(),
      targetLogin: e.targetPrimary as string,
      entity: e.name,
      entityType: e.kind,
    }));
}

export interface PlanCounts {
  readonly users: number;
  readonly groups: number;
  readonly resources: number;
  readonly addresses: number;
  readonly landing: number;
  readonly cannotLand: number;
  readonly mailboxes: number;
  readonly members: number;
  readonly permissions: number;
}

export function planCounts(plan: Plan): PlanCounts {
  const lands = (e: PlannedEntity) => e.targetPrimary !== undefined;
  const landing = plan.mapping.filter((m) => m.status === "lands").length;
  return {
    users: plan.users.filter(lands).length,
    groups: plan.groups.filter(lands).length,
    resources:
      plan.target === "google"
        ? plan.resources.filter((r) => r.data.state === "ENABLED").length
        : plan.resources.filter(lands).length,
    addresses: plan.mapping.length,
    landing,
    cannotLand: plan.mapping.length - landing,
    mailboxes: plannedMailboxes(plan).length,
    members: plan.groups.filter(lands).reduce((n, g) => n + g.data.members.length, 0),
    permissions: plan.permissions.length,
  };
}
