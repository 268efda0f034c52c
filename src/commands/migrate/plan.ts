import { defineCommand } from "../../cli/define-command.js";
import { CliError, UsageError } from "../../errors/cli-error.js";
import { CORE_AREA_NAMES, type InventoryDocument } from "../../inventory/document.js";
import type { OutputSpec } from "../../output/format.js";
import { concurrencyOption } from "../org/inventory-options.js";

const planOutput: OutputSpec = { fields: ["file", "holds", "mode"], columns: ["file", "holds", "mode"], list: true };

/** Distinct reasons for addresses that cannot land shown as warnings; mapping.csv has them all. */
const MAX_REASONS_SHOWN = 5;

/** The areas a plan reads (the core areas of an inventory; policy areas do not move). */
const PLAN_AREAS = new Set<string>(CORE_AREA_NAMES);

export const migratePlanCommand = defineCommand({
  name: "plan",
  summary: "Write the migration folder for Microsoft 365, Google Workspace or an IMAP server",
  description:
    "Reads an inventory (--from DIR, written by `wmctl org inventory --out DIR`) or takes one of the\n" +
    "organization now, and writes into --out DIR:\n" +
    "  mapping.csv       every address of every user, group and resource (primary and aliases), the\n" +
    "                    target object it lands on, or why it cannot land. Nothing is left out.\n" +
    "  mailbox-map.csv   mailbox,target_login: what `wmctl migrate mail --map` copies\n" +
    "  users.csv         m365: the admin center's Add multiple users file; google: the Admin console's\n" +
    "                    bulk upload file (random initial passwords, changed at first sign-in)\n" +
    "  provision.ps1     m365: Exchange Online PowerShell for groups and members, rooms and equipment\n" +
    "                    with booking options and delegates, extra addresses, mailbox permissions;\n" +
    "                    idempotent, stops on the first error\n" +
    "  gam-batch.txt     google: `gam batch` file for groups, members, aliases, resources, delegation\n" +
    "  zones/D.zone      the target's records per domain (RFC 1035), placeholders commented out\n" +
    "  dns-cutover.md    lower TTLs, publish, switch, then remove WorkMail's records and when\n" +
    "  runbook.md        the ordered steps with commands and counts, and what does not move\n" +
    "Addresses on WorkMail's test domain (<alias>.awsapps.com) cannot land unless --map-domain maps\n" +
    "it. --out must be new, empty or a previous plan (replaced whole); --force writes into another\n" +
    "folder. The folder is written beside --out and renamed into place: a crash leaves no half plan.\n" +
    "Files with names and addresses are mode 0600.",
  examples: [
    "wmctl migrate plan --to m365 --from acme-2027-03 --out acme-m365 --tenant acme",
    "wmctl migrate plan --to google --out acme-google --map-domain acme.awsapps.com=acme.example",
    "wmctl migrate plan --to imap --from acme-2027-03 --out acme-imap",
  ],
  options: {
    to: {
      kind: "enum",
      choices: ["m365", "google", "imap"],
      required: true,
      placeholder: "target",
      describe: "Where the organization moves: Microsoft 365, Google Workspace, or any IMAP server",
    },
    from: {
      kind: "string",
      placeholder: "dir",
      describe: "An inventory folder (or its inventory.json); without it the organization's inventory is taken now",
    },
    out: {
      kind: "string",
      required: true,
      placeholder: "dir",
      describe: "The migration folder to write (new, empty, or a previous plan)",
    },
    mapDomain: {
      kind: "list",
      placeholder: "old=new",
      describe: "Addresses on OLD land on NEW (repeatable), as in org restore",
    },
    tenant: {
      kind: "string",
      placeholder: "name",
      describe: "m365: the tenant (contoso or contoso.onmicrosoft.com), for the DKIM records",
    },
    force: { kind: "boolean", describe: "Write into a --out folder that holds other files" },
    concurrency: concurrencyOption("API calls in flight when taking the inventory now"),
  },
  output: planOutput,
  async run(ctx, opts) {
    const [{ DomainMap }, files, { tenantName }, model, folder, { planFiles }, { wmctlVersion }] = await Promise.all([
      import("../../inventory/domain-map.js"),
      import("../../inventory/inventory-files.js"),
      import("../../dns-verify/provider-profiles.js"),
      import("../../migrate/plan/plan-model.js"),
      import("../../migrate/plan/plan-folder.js"),
      import("../../migrate/plan/plan-files.js"),
      import("../../inventory/wmctl-version.js"),
    ]);
    if (opts.tenant !== undefined && opts.to !== "m365")
      throw new UsageError("--tenant is a Microsoft 365 setting: it goes with --to m365");
    let tenant: string | undefined;
    try {
      tenant = tenantName(opts.tenant);
    } catch (e) {
      throw new UsageError(`--tenant: ${(e as Error).message}`);
    }
    const map = DomainMap.parse(opts.mapDomain);
    const state = await folder.prepareOutDir(opts.out, opts.force);
    const version = await wmctlVersion();

    let doc: InventoryDocument;
    if (opts.from !== undefined) {
      doc = (await files.readInventory(opts.from)).doc;
    } else {
      const { collectInventory } = await import("../../inventory/collect.js");
      const api = await ctx.backend();
      const org = await ctx.orgRef();
      ctx.out.info(
        `Taking the inventory of ${org.alias ?? (await api.describeOrganization({ OrganizationId: org.id })).Alias ?? org.id}...`,
      );
      const result = await collectInventory(api, org.id, {
        source: {
          region: ctx.settings.region,
          backend: ctx.settings.backend,
          ...(ctx.settings.endpointUrl === undefined ? {} : { endpoint: ctx.settings.endpointUrl }),
        },
        wmctlVersion: version,
        concurrency: opts.concurrency,
        areas: [],
        only: PLAN_AREAS,
        warn: (m) => ctx.out.warn(m),
        onArea: (o) => {
          if (o.status === "ok") ctx.out.status(`${o.area}: ${model.plural(o.items, "item")}`);
        },
      });
      const failed = result.outcomes.filter((o) => o.status === "failed");
      if (failed.length > 0)
        throw new CliError(
          `the inventory is incomplete (${failed.map((o) => o.area).join(", ")} failed): no plan was written`,
          { hint: "see the warnings above; fix the cause and run the plan again" },
        );
      doc = result.doc;
    }
    for (const area of ["users", "groups", "resources"] as const) {
      if (doc.areas[area] === undefined)
        ctx.out.warn(`the inventory has no ${area}: the plan has none either (runbook.md says so)`);
    }
    const mentioned = JSON.stringify(doc.areas).toLowerCase();
    for (const [from] of map.entries())
      if (!mentioned.includes(from))
        ctx.out.warn(`--map-domain ${from}: the inventory has no address or domain on ${from}`);

    const plan = model.buildPlan(doc, opts.to, map);
    const written = await planFiles(plan, { out: opts.out, tenant, wmctlVersion: version });
    const counts = model.planCounts(plan);
    await folder.writePlanFolder(
      opts.out,
      state,
      written,
      (names) =>
        JSON.stringify(
          {
            format: folder.PLAN_FORMAT,
            formatVersion: 1,
            wmctlVersion: version,
            target: opts.to,
            createdAt: new Date().toISOString(),
            inventory: { source: doc.source, createdAt: doc.createdAt },
            domainMap: Object.fromEntries(map.entries()),
            counts,
            files: names,
          },
          null,
          2,
        ) + "\n",
    );
    for (const f of written) ctx.out.row({ file: f.path, holds: f.holds, mode: f.mode.toString(8).padStart(4, "0") });
    for (const n of plan.notes) ctx.out.warn(n);
    if (opts.to === "m365" && tenant === undefined && plan.domains.length > 0)
      ctx.out.info(
        "The DKIM records in zones/ are placeholders: pass --tenant NAME (your NAME.onmicrosoft.com) to write them in full",
      );
    if (counts.cannotLand > 0) {
      const reasons = new Map<string, number>();
      for (const m of plan.mapping)
        if (m.status === "cannot-land") reasons.set(m.reason, (reasons.get(m.reason) ?? 0) + 1);
      const shown = [...reasons].sort((a, b) => b[1] - a[1]);
      for (const [reason, n] of shown.slice(0, MAX_REASONS_SHOWN))
        ctx.out.warn(`${model.plural(n, "address", "addresses")} cannot land: ${reason}`);
      if (shown.length > MAX_REASONS_SHOWN)
        ctx.out.warn(
          `... and ${model.plural(shown.length - MAX_REASONS_SHOWN, "other reason")}: see the reason column of mapping.csv`,
        );
    }
    const count = model.plural;
    ctx.out.status(
      `Plan for ${model.TARGET_NAMES[opts.to]} written to ${opts.out}: ${count(counts.users, "user")}, ${count(counts.groups, "group")}, ${count(counts.resources, "resource")}, ` +
        `${count(counts.addresses, "address", "addresses")} (${counts.cannotLand} cannot land), ${count(counts.mailboxes, "mailbox", "mailboxes")} to copy. Next: ${opts.out}/runbook.md`,
    );
  },
});
