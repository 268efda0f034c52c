import { defineCommand } from "../../cli/define-command.js";
import { NOUNS } from "../nouns.js";
import { ChecksFailedError, CliError, UsageError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";
import type { GeneratedPassword } from "../../apply/session.js";
import type { PlanChange } from "../../apply/plan.js";
import { checkDomains, checkInteroperability, newUserCount, passwordsNote } from "../../apply/preflight.js";
import { concurrencyOption, MAP_DOMAIN_OPTION } from "../org/inventory-options.js";

const applyOutput: OutputSpec = {
  fields: ["action", "area", "target", "change", "result"],
  columns: ["action", "area", "target", "change"],
  list: true,
};
/** Things --prune would remove, listed in the note and the confirmation before "... and N more". */
const MAX_LISTED = 20;

export const applyCommand = defineCommand({
  ...NOUNS.apply,
  description:
    "Makes the organization match a document: the inventory format (wmctl org inventory -o json, or the\n" +
    "inventory.json of org inventory --out), as JSON or YAML. A hand-written document may put its areas\n" +
    "(users:, groups:, resources:, mailboxes:, mailbox-permissions:, domains:, organization:, the policy\n" +
    "areas) at the top and leave out what has a default. --plan prints what would be created, updated\n" +
    "and deleted, one row each, and changes nothing. Apply runs in dependency order: domains, organization\n" +
    "settings, users, groups, resources, members, delegates, aliases, quotas and permissions, then the\n" +
    "policy areas; a second apply changes nothing. Only the areas the document has are managed; a policy\n" +
    "area it has is a whole rule set (rules it lacks are removed, as org restore does).\n" +
    "\n" +
    "Without --prune no user, group, resource, alias, member, delegate, permission or domain is deleted\n" +
    "(a note says what --prune would delete). With --prune, what the document lacks is deleted first,\n" +
    "after a confirmation listing it (--yes without a terminal).\n" +
    "\n" +
    "Exit codes: 0 done or nothing to do, 2 an invalid document (the place in it is named), 1 an\n" +
    "action failed (re-run after fixing it), and with --detailed-exitcode, 3 when --plan found changes.",
  examples: [
    "wmctl org inventory -o json > org.json    # edit it, then:",
    "wmctl apply -f org.json --plan",
    "wmctl apply -f org.yaml --plan --prune --detailed-exitcode   # in CI: exit 3 when the organization drifted",
    "wmctl apply -f org.yaml --prune --yes --passwords-out new-users.csv",
    "wmctl --org rehearsal apply -f acme-2027-03 --map-domain example.com=rehearsal.awsapps.com",
  ],
  options: {
    file: {
      kind: "string",
      short: "f",
      required: true,
      placeholder: "file",
      describe: "The document: JSON or YAML, an inventory folder, or - for stdin",
    },
    plan: { kind: "boolean", describe: "Print the changes and change nothing (as --dry-run)" },
    prune: { kind: "boolean", describe: "Also delete what the document lacks (after a confirmation)" },
    detailedExitcode: {
      kind: "boolean",
      describe: "With --plan: exit 3 when there are changes, 0 when there are none",
    },
    mapDomain: MAP_DOMAIN_OPTION,
    passwordsOut: {
      kind: "string",
      placeholder: "file",
      describe: "Append new users' generated passwords to this file as they are created (CSV, mode 0600)",
    },
    concurrency: concurrencyOption("API calls in flight at once"),
  },
  output: applyOutput,
  mutating: true,
  async run(ctx, opts) {
    const [{ DomainMap }, { readDesiredState }, { prepareApply }, { INVENTORY_AREAS }, plan, pw] = await Promise.all([
      import("../../inventory/domain-map.js"),
      import("../../apply/read-document.js"),
      import("../../apply/run-steps.js"),
      import("../../inventory/areas.js"),
      import("../../apply/plan.js"),
      import("../../apply/passwords-file.js"),
    ]);
    const planOnly = opts.plan || opts.dryRun;
    if (opts.detailedExitcode && !planOnly)
      throw new UsageError(
        "--detailed-exitcode goes with --plan",
        "wmctl apply -f FILE --plan --detailed-exitcode (exit 3 when there are changes)",
      );
    const explicit = DomainMap.parse(opts.mapDomain);
    const pwFile =
      opts.passwordsOut !== undefined && !planOnly ? await pw.checkPasswordsFile(opts.passwordsOut) : undefined;
    const { doc, label: docLabel } = await readDesiredState(
      opts.file,
      ctx.io.stdin,
      INVENTORY_AREAS.map((a) => a.name),
    );
    const api = await ctx.backend();
    const org = await ctx.orgRef();
    const prep = await prepareApply(api, org.id, doc, explicit);
    const label = prep.target.alias ?? org.id;
    checkDomains(prep, label, ctx.out);
    checkInteroperability(doc, prep, docLabel, label, ctx.out);
    let engine = { api, orgId: org.id, doc, prep, areas: INVENTORY_AREAS, concurrency: opts.concurrency };

    const prunable = await plan.planPrune(engine);
    const listPrunable = (say: (line: string) => void) => {
      for (const p of prunable.slice(0, MAX_LISTED)) say(`  - ${p.area} ${p.target}`);
      if (prunable.length > MAX_LISTED) say(`  ... and ${prunable.length - MAX_LISTED} more`);
    };
    const show = (c: PlanChange) =>
      ctx.out.row({
        action: c.action,
        area: c.area,
        target: c.target,
        change: c.change,
        ...(c.result === undefined ? {} : { result: c.result }),
      });

    if (planOnly) {
      const changes = await plan.planChanges(engine);
      const failing = changes.filter((c) => c.action === "fail");
      const rows = [
        ...(opts.prune
          ? prunable.map((p) => ({ action: "delete" as const, area: p.area, target: p.target, change: p.action }))
          : []),
        ...changes.filter((c) => c.action !== "fail"),
      ];
      for (const c of rows) show(c);
      for (const f of failing) ctx.out.warn(`${f.area}: ${f.target}: would fail: ${f.change}`);
      if (!opts.prune && prunable.length > 0) {
        ctx.out.info(
          `${prunable.length} thing${prunable.length === 1 ? " is" : "s are"} in ${label} and not in the document; --prune would delete:`,
        );
        listPrunable((l) => ctx.out.info(l));
      }
      const n = (a: string) => rows.filter((r) => r.action === a).length;
      ctx.out.info(
        rows.length === 0
          ? `No changes: ${label} matches the document`
          : `Plan: ${n("create")} to create, ${n("update")} to update, ${n("delete")} to delete`,
      );
      if (failing.length > 0)
        throw new CliError(`${failing.length} change${failing.length === 1 ? "" : "s"} would fail`, {
          hint: "fix the document or the organization and plan again",
        });
      if (opts.detailedExitcode && rows.length > 0)
        throw new ChecksFailedError(
          `${label} differs from the document: ${rows.length} change${rows.length === 1 ? "" : "s"}`,
          "run the same command without --plan to apply them",
        );
      return;
    }

    ctx.out.useColumns(["action", "area", "target", "change", "result"]);
    let deleted: PlanChange[] = [];
    if (prunable.length > 0 && opts.prune) {
      ctx.out.info(
        `${prunable.length} thing${prunable.length === 1 ? " is" : "s are"} in ${label} and not in the document:`,
      );
      listPrunable((l) => ctx.out.info(l));
      await ctx.confirm(`Delete ${prunable.length === 1 ? "it" : `these ${prunable.length}`} from ${label}?`);
      deleted = await plan.applyPrune(prunable);
      for (const d of deleted) show(d);
      // The steps compare with the organization as it is now.
      engine = { ...engine, prep: await prepareApply(api, org.id, doc, explicit) };
    } else if (prunable.length > 0) {
      const one = prunable.length === 1;
      ctx.out.info(
        `${prunable.length} thing${one ? " is" : "s are"} in ${label} and not in the document, and stay${one ? "s" : ""} (--prune deletes ${one ? "it" : "them"}; see --plan --prune)`,
      );
    }
    const newUsers = newUserCount(doc, prep);
    if (newUsers > 0 && opts.passwordsOut === undefined) ctx.out.info(passwordsNote(newUsers));
    const journal = opts.passwordsOut === undefined ? undefined : new pw.PasswordsJournal(opts.passwordsOut);
    const applied = await plan
      .applyChanges(engine, {
        ...(journal === undefined ? {} : { savePassword: (p: GeneratedPassword) => journal.append(p) }),
        onChange: show,
      })
      .finally(() => journal?.close());
    if (journal !== undefined && journal.count > 0) {
      ctx.out.status(
        `${pwFile?.exists === true ? "Appended" : "Wrote"} the passwords of ${journal.count} new user${journal.count === 1 ? "" : "s"} to ${opts.passwordsOut ?? ""} (mode 0600)`,
      );
    }
    const all = [...deleted, ...applied];
    const failures = all.filter((c) => c.result === "failed");
    for (const f of failures.slice(0, MAX_LISTED)) ctx.out.warn(`${f.area}: ${f.target}: ${f.change}`);
    if (failures.length > MAX_LISTED) ctx.out.warn(`... and ${failures.length - MAX_LISTED} more failed actions`);
    const n = (a: string) => all.filter((r) => r.action === a && r.result === "done").length;
    if (failures.length > 0) {
      throw new CliError(
        `the apply finished with ${failures.length} failed action${failures.length === 1 ? "" : "s"} (${n("create")} created, ${n("update")} updated, ${n("delete")} deleted)`,
        {
          hint: "fix the causes above and re-run the same command: what is already in place is skipped",
        },
      );
    }
    ctx.out.status(
      all.length === 0
        ? `No changes: ${label} already matches the document`
        : `Applied: ${n("create")} created, ${n("update")} updated, ${n("delete")} deleted`,
    );
  },
});
