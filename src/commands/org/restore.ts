import { defineCommand } from "../../cli/define-command.js";
import { CliError } from "../../errors/cli-error.js";
import { checkDomains, checkInteroperability, newUserCount, passwordsNote } from "../../apply/preflight.js";
import type { OutputSpec } from "../../output/format.js";
import type { GeneratedPassword } from "../../apply/session.js";
import { concurrencyOption, MAP_DOMAIN_OPTION } from "./inventory-options.js";

const restoreOutput: OutputSpec = {
  // deleted (the rules a policy area's whole rule set drops) is in -o json and --fields, and in the
  // status line when there are any; the default columns stay as scripts know them.
  fields: ["step", "created", "updated", "skipped", "failed", "deleted", "action", "target", "result", "message"],
  columns: ["step", "created", "updated", "skipped", "failed"],
  list: true,
};
const DETAIL_COLUMNS = ["step", "action", "target", "result", "message"];
/** Failed actions shown as warnings before "... and N more". */
const MAX_FAILURES_SHOWN = 20;

export const orgRestoreCommand = defineCommand({
  name: "restore",
  summary: "Re-create an inventory (wmctl org inventory --out DIR) in an organization",
  description:
    "Restores into the --org organization (or the profile's default), in dependency order: domains,\n" +
    "organization settings, users, groups, nested memberships, resources, delegates and booking\n" +
    "options, aliases, mailbox quotas and permissions, the policy areas, then disables what the\n" +
    "inventory has disabled. Each step compares with the target first: re-running skips what exists.\n" +
    "Users, groups, resources, addresses, memberships and permissions are never removed; a policy\n" +
    "area makes the target's rule set the inventory's. Prints created/updated/skipped/failed per step\n" +
    "(--details: per action) and exits 1 when an action failed; fix the cause and re-run.\n" +
    "\n" +
    "Addresses need a verified domain in the target. The source's test domain (<alias>.awsapps.com)\n" +
    "always maps to the target's; rewrite other domains with --map-domain OLD=NEW (for a rehearsal,\n" +
    "NEW is the target's test domain), or verify them in the target first. New users get random\n" +
    "passwords, never shown: --passwords-out FILE keeps them (CSV, mode 0600, appended and synced as\n" +
    "each user is created, so a killed run loses none; a re-run appends to it). Mail itself moves\n" +
    "with mailbox export jobs, not with restore.",
  examples: [
    "wmctl org create rehearsal --wait && wmctl --org rehearsal org restore --from acme-2027-03 --map-domain example.com=rehearsal.awsapps.com --dry-run",
    "wmctl --org rehearsal org restore --from acme-2027-03 --map-domain example.com=rehearsal.awsapps.com --passwords-out pw.csv",
    "wmctl --org rehearsal org restore --from acme-2027-03 --details -o csv > restore-report.csv",
  ],
  options: {
    from: {
      kind: "string",
      required: true,
      placeholder: "dir",
      describe: "The inventory folder (or its inventory.json)",
    },
    mapDomain: MAP_DOMAIN_OPTION,
    passwordsOut: {
      kind: "string",
      placeholder: "file",
      describe:
        "Append the new users' generated passwords to this file as they are created (CSV, mode 0600; a new file, or one an earlier run wrote)",
    },
    details: { kind: "boolean", describe: "Report every action instead of a summary per step" },
    concurrency: concurrencyOption("API calls in flight at once"),
  },
  output: restoreOutput,
  mutating: true,
  async run(ctx, opts) {
    const [{ DomainMap }, files, { prepareApply, runSteps, tally }, { INVENTORY_AREAS }, pw] = await Promise.all([
      import("../../inventory/domain-map.js"),
      import("../../inventory/inventory-files.js"),
      import("../../apply/run-steps.js"),
      import("../../inventory/areas.js"),
      import("../../apply/passwords-file.js"),
    ]);
    const explicit = DomainMap.parse(opts.mapDomain);
    const pwFile =
      opts.passwordsOut !== undefined && !opts.dryRun ? await pw.checkPasswordsFile(opts.passwordsOut) : undefined;
    const journal =
      opts.passwordsOut !== undefined && !opts.dryRun ? new pw.PasswordsJournal(opts.passwordsOut) : undefined;
    const { doc } = await files.readInventory(opts.from);
    const api = await ctx.backend();
    const org = await ctx.orgRef();
    const prep = await prepareApply(api, org.id, doc, explicit);
    const label = prep.target.alias ?? org.id;
    const source = doc.source.alias ?? doc.source.organizationId;
    if (org.id === doc.source.organizationId)
      ctx.out.info(
        `Restoring into ${label}, the organization the inventory was taken from: only what is missing is re-created`,
      );

    checkDomains(prep, label, ctx.out);
    checkInteroperability(doc, prep, source, label, ctx.out);
    const newUsers = newUserCount(doc, prep);
    if (!opts.dryRun) {
      if (prep.directory.size > 0) {
        const kinds = (["USER", "GROUP", "RESOURCE"] as const)
          .map((k) => [prep.directory.all(k).length, k.toLowerCase()] as const)
          .filter(([n]) => n > 0)
          .map(([n, k]) => `${n} ${k}${n === 1 ? "" : "s"}`);
        await ctx.confirm(
          `Restore the inventory of ${source} into ${label}, which already has ${kinds.join(", ")} ` +
            "(those with the same names are updated to match the inventory, none is deleted; the inventory's policies replace the target's)?",
        );
      }
      if (newUsers > 0 && opts.passwordsOut === undefined) ctx.out.info(passwordsNote(newUsers));
    }

    ctx.out.info(
      `${opts.dryRun ? "Planning the restore of" : "Restoring"} ${source} (inventory of ${doc.createdAt}) into ${label}...`,
    );
    let planned = 0;
    if (opts.details && !opts.dryRun) ctx.out.useColumns(DETAIL_COLUMNS);
    const outcome = await runSteps(api, org.id, doc, prep, {
      dryRun: opts.dryRun,
      ...(journal === undefined ? {} : { savePassword: (p: GeneratedPassword) => journal.append(p) }),
      concurrency: opts.concurrency,
      areas: INVENTORY_AREAS,
      onPlannedCall: (c) => {
        planned++;
        ctx.out.plan({ action: c.action, target: c.target, details: c.details });
      },
      onStep: ({ step, results }) => {
        const t = tally(results);
        if (!opts.dryRun)
          ctx.out.status(
            `${step}: ${t.created} created, ${t.updated} updated, ${t.deleted > 0 ? `${t.deleted} deleted, ` : ""}${t.skipped} skipped, ${t.failed} failed`,
          );
        if (opts.dryRun) return;
        if (opts.details)
          for (const r of results)
            ctx.out.row({ step, action: r.action, target: r.target, result: r.result, message: r.message });
        else ctx.out.row({ step, ...t });
      },
    }).finally(() => journal?.close());

    const failures = outcome.steps.flatMap((s) =>
      s.results.filter((r) => r.result === "failed").map((r) => ({ ...r, step: s.step })),
    );
    for (const f of failures.slice(0, MAX_FAILURES_SHOWN))
      ctx.out.warn(`${f.step}: ${f.target}: ${f.message ?? "failed"}`);
    if (failures.length > MAX_FAILURES_SHOWN)
      ctx.out.warn(`... and ${failures.length - MAX_FAILURES_SHOWN} more failed actions (see --details)`);

    if (opts.dryRun) {
      ctx.out.info(
        `Dry run: ${planned} change${planned === 1 ? "" : "s"} planned, nothing was changed${failures.length > 0 ? `; ${failures.length} action${failures.length === 1 ? "" : "s"} would fail` : ""}`,
      );
      return;
    }
    if (journal !== undefined && opts.passwordsOut !== undefined) {
      const n = journal.count;
      if (n > 0)
        ctx.out.status(
          `${pwFile?.exists === true ? "Appended" : "Wrote"} the passwords of ${n} new user${n === 1 ? "" : "s"} to ${opts.passwordsOut} (mode 0600)`,
        );
      else
        ctx.out.info(
          `No user was created: ${opts.passwordsOut} was not ${pwFile?.exists === true ? "changed" : "written"}`,
        );
    }
    ctx.debug(`restore: ${outcome.calls} API calls`);
    if (failures.length > 0) {
      throw new CliError(
        `the restore finished with ${failures.length} failed action${failures.length === 1 ? "" : "s"}`,
        {
          hint: "fix the causes above and re-run the same command: what already exists is skipped",
        },
      );
    }
    ctx.out.status(`Restored the inventory of ${source} into ${label}`);
  },
});
