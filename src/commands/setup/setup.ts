import { randomUUID } from "node:crypto";
import type { User } from "@aws-sdk/client-workmail";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { unlessServiceError } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { CliError, PendingError } from "../../errors/cli-error.js";
import { formatDuration } from "../../time/duration.js";
import { pollUntil } from "../../wait/poll.js";
import { publishRecords } from "../domain/apply.js";
import { zoneSnippet } from "../domain/records.js";
import { recordRows } from "../domain/view.js";
import { commandLine, gatherAnswers, type SetupAnswers } from "./answers.js";
import { NOUNS } from "../nouns.js";

const FIELDS = [
  "organization",
  "organizationId",
  "domain",
  "records",
  "domainStatus",
  "defaultDomain",
  "user",
  "email",
  "generatedPassword",
  "commandLine",
] as const;

export const setupCommand = defineCommand({
  ...NOUNS.setup,
  description:
    "An interactive wizard: create or pick an organization, add your domain, publish its records (in\n" +
    "Route 53, or printed for another DNS host), wait for verification and make the domain the default,\n" +
    "then create the first user. Every question has a flag; without a terminal, setup fails at once and\n" +
    "names the flags it is missing. At the end it prints the same setup as one command line.",
  examples: [
    "wmctl setup",
    "wmctl setup --create-org acme --domain example.com --dns route53 --wait --admin admin --generate-password",
    "wmctl --org acme setup --skip-domain --admin alice --password-stdin < pw.txt",
  ],
  options: {
    createOrg: {
      kind: "string",
      placeholder: "alias",
      describe: "Create this organization (or pick an existing one with --org)",
    },
    domain: { kind: "string", placeholder: "domain", describe: "Your mail domain" },
    skipDomain: { kind: "boolean", describe: "Only the test domain <alias>.awsapps.com for now" },
    dns: {
      kind: "enum",
      choices: ["route53", "print", "skip"],
      describe: "Publish the records in Route 53 (the simulator's zones locally), print them, or skip",
    },
    hostedZone: { kind: "string", placeholder: "id", describe: "The Route 53 hosted zone (default: found by name)" },
    createZone: { kind: "boolean", describe: "Create a hosted zone when there is none" },
    skipMx: { kind: "boolean", describe: "Leave the MX record alone for now" },
    wait: { kind: "boolean", describe: "Wait until WorkMail verifies the domain, then make it the default" },
    timeout: { kind: "duration", default: "30m", describe: "How long --wait waits" },
    admin: { kind: "string", placeholder: "name", describe: "Create this first user" },
    adminDisplayName: {
      kind: "string",
      placeholder: "text",
      describe: "The first user's display name (default: the name)",
    },
    skipAdmin: { kind: "boolean", describe: "Create no user" },
    passwordStdin: { kind: "boolean", describe: "Read the first user's password from stdin" },
    passwordFile: { kind: "string", placeholder: "path", describe: "Read the first user's password from a file" },
    generatePassword: { kind: "boolean", describe: "Generate the first user's password (printed once)" },
  },
  output: {
    fields: FIELDS,
    columns: [
      "organization",
      "domain",
      "domainStatus",
      "defaultDomain",
      "user",
      "email",
      "generatedPassword",
      "commandLine",
    ],
  },
  async run(ctx, opts) {
    const answers = await gatherAnswers(ctx, opts);
    // The first user's password is read (or asked for) before anything is created, so a missing
    // file or an empty stdin cannot leave an organization and a domain behind without their user.
    const pw =
      answers.admin === undefined
        ? undefined
        : await ctx.password({
            stdin: answers.admin.password === "stdin",
            file: answers.admin.file,
            generate: answers.admin.password === "generate",
          });
    const api = await ctx.backend();

    // 1. The organization.
    let orgId: string;
    let alias: string;
    // The printed command line must run again: what already exists is reused, as `user create` does.
    const existingOrg = "create" in answers.org ? await liveOrganization(api, answers.org.create) : undefined;
    if (existingOrg !== undefined) {
      orgId = existingOrg.id;
      alias = existingOrg.alias;
      ctx.out.status(`Organization ${alias} already exists (${orgId}); using it`);
    } else if ("create" in answers.org) {
      alias = answers.org.create;
      orgId = (await api.createOrganization({ Alias: alias, ClientToken: randomUUID() })).OrganizationId as string;
      ctx.out.status(`Created organization ${alias} (${orgId})`);
      const state = await pollUntil({
        what: `organization ${alias} to become Active`,
        timeoutMs: 10 * 60_000,
        check: async () => {
          const d = await api.describeOrganization({ OrganizationId: orgId });
          return { done: d.State === "Active" || d.State === "Failed", value: d.State };
        },
        onPending: (s) => ctx.out.info(`organization ${alias} is ${s ?? "?"}...`),
      });
      if (state === "Failed")
        throw new CliError(`organization ${alias} (${orgId}) failed to create`, {
          hint: `see wmctl org describe ${orgId}; delete it and run setup again`,
        });
      if (ctx.settings.profile.organizationId === undefined) {
        await ctx.config.setProfile(ctx.settings.profileName, { organizationId: orgId });
        ctx.out.info(`Default organization of profile ${ctx.settings.profileName} is now ${alias}`);
      }
    } else {
      const ref = await ctx.resolveOrg(answers.org.use);
      orgId = ref.id;
      alias = ref.alias ?? (await api.describeOrganization({ OrganizationId: orgId })).Alias ?? orgId;
      ctx.out.status(`Using organization ${alias} (${orgId})`);
    }

    // 2-4. The domain, its records, its verification.
    let domainStatus: string | undefined;
    if (answers.domain !== undefined) domainStatus = await setUpDomain(ctx, orgId, answers, opts.timeout);

    // 5. The first user, at the default domain.
    let user: { name: string; email: string; generatedPassword?: string } | undefined;
    if (answers.admin !== undefined) {
      const password = pw?.password as string;
      const defaultDomain = (await api.describeOrganization({ OrganizationId: orgId })).DefaultMailDomain as string;
      const name = answers.admin.name;
      const existing = await liveUser(api, orgId, name);
      if (existing !== undefined) {
        let email = existing.Email;
        if (existing.State !== "ENABLED" || email === undefined) {
          email = `${name.split("@")[0] as string}@${defaultDomain}`;
          await api.registerToWorkMail({ OrganizationId: orgId, EntityId: existing.Id as string, Email: email });
        }
        ctx.out.status(
          `User ${name} already exists <${email}>; using it (its password was not changed: wmctl user reset-password ${shellQuote(name)})`,
        );
        user = { name, email };
      } else {
        const email = `${name.split("@")[0] as string}@${defaultDomain}`;
        const { UserId } = await api.createUser({
          OrganizationId: orgId,
          Name: name,
          DisplayName: answers.admin.displayName,
          Password: password,
        });
        await api.registerToWorkMail({ OrganizationId: orgId, EntityId: UserId as string, Email: email });
        ctx.out.status(`Created user ${name} <${email}>`);
        user = { name, email, ...(pw?.generated ? { generatedPassword: password } : {}) };
      }
    }

    const line = commandLine(answers);
    const defaultDomain = (await api.describeOrganization({ OrganizationId: orgId })).DefaultMailDomain;
    if (!ctx.out.isJson) ctx.out.info(`\nThe same setup, without questions:\n  ${line}\n`);
    ctx.out.record({
      organization: alias,
      organizationId: orgId,
      domain: answers.domain,
      records: answers.domain === undefined ? undefined : answers.dns,
      domainStatus,
      defaultDomain,
      user: user?.name,
      email: user?.email,
      generatedPassword: user?.generatedPassword,
      commandLine: line,
    });
  },
});

/** The organization with this alias that is not deleted (any case), if there is one. */
async function liveOrganization(api: WorkMailApi, alias: string): Promise<{ id: string; alias: string } | undefined> {
  for await (const o of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
    if (o.OrganizationId === undefined || o.State === "Deleted" || o.State === "Deleting") continue;
    if (o.Alias?.toLowerCase() === alias.toLowerCase()) return { id: o.OrganizationId, alias: o.Alias };
  }
  return undefined;
}

/** The user with exactly this name that is not deleted, if there is one. */
async function liveUser(api: WorkMailApi, orgId: string, name: string): Promise<User | undefined> {
  for await (const u of paginate(
    (t) => api.listUsers({ OrganizationId: orgId, NextToken: t, Filters: { UsernamePrefix: name } }),
    "Users",
  )) {
    if (u.Name?.toLowerCase() === name.toLowerCase() && u.State !== "DELETED") return u;
  }
  return undefined;
}

/** Adds the domain, publishes or prints its records, and with --wait waits (up to `timeoutMs`) for ownership verification. */
async function setUpDomain(ctx: CommandContext, orgId: string, a: SetupAnswers, timeoutMs: number): Promise<string> {
  const api = await ctx.backend();
  const domain = a.domain as string;
  const known = await unlessServiceError(
    api.getMailDomain({ OrganizationId: orgId, DomainName: domain }),
    "MailDomainNotFoundException",
  );
  if (known?.OwnershipVerificationStatus !== "VERIFIED")
    await api.registerMailDomain({ OrganizationId: orgId, DomainName: domain, ClientToken: randomUUID() });
  ctx.out.status(
    known === undefined
      ? `Added ${domain}`
      : `${domain} is already added (${known.OwnershipVerificationStatus ?? "PENDING"})`,
  );
  if (a.dns === "route53") {
    const publish = {
      hostedZone: a.hostedZone,
      createZone: a.createZone,
      skipMx: a.skipMx,
      wait: a.wait,
      timeout: timeoutMs,
      dryRun: false,
    };
    // setup's result is one record: the plan goes to stderr, a line per record set.
    await publishRecords(ctx, orgId, domain, publish, (plan) => {
      for (const p of plan)
        if (p.action !== "skip")
          ctx.out.info(`${p.action.padEnd(9)} ${p.type.padEnd(5)} ${p.name}${p.note ? `  (${p.note})` : ""}`);
    });
  } else if (a.dns === "print") {
    const d = await api.getMailDomain({ OrganizationId: orgId, DomainName: domain });
    ctx.out.info(
      `\nPublish these records at your DNS host:\n${zoneSnippet(domain, recordRows(domain, d.Records ?? []))}`,
    );
  }
  let status =
    (await api.getMailDomain({ OrganizationId: orgId, DomainName: domain })).OwnershipVerificationStatus ?? "PENDING";
  if (a.wait && status === "PENDING") {
    try {
      status =
        (await pollUntil({
          what: `${domain} to verify`,
          timeoutMs,
          intervalMs: ctx.settings.backend === "local" ? 500 : ctx.settings.endpointUrl !== undefined ? 1000 : 10_000,
          check: async () => {
            const d = await api.getMailDomain({ OrganizationId: orgId, DomainName: domain });
            return { done: d.OwnershipVerificationStatus !== "PENDING", value: d.OwnershipVerificationStatus };
          },
          onPending: (_s, elapsed) =>
            ctx.out.info(
              `${domain} is not verified yet after ${formatDuration(elapsed)}; see wmctl domain verify ${domain}`,
            ),
        })) ?? status;
    } catch (e) {
      if (!(e instanceof PendingError)) throw e;
      ctx.out.warn(
        `${domain} is still not verified; carrying on with the test domain (check later: wmctl domain verify ${domain})`,
      );
    }
  }
  if (status === "VERIFIED") {
    await api.updateDefaultMailDomain({ OrganizationId: orgId, DomainName: domain });
    ctx.out.status(`${domain} is verified and is now the default domain`);
  } else if (status === "FAILED") {
    ctx.out.warn(`WorkMail could not verify ${domain}: wmctl domain verify ${domain} says why`);
  } else {
    ctx.out.info(`${domain} is ${status}; once it verifies: wmctl domain set-default ${domain}`);
  }
  return status;
}
