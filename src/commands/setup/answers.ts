import { paginate } from "../../backend/paginate.js";
import type { CommandContext } from "../../context/context.js";
import { UsageError } from "../../errors/cli-error.js";
import { shellQuote } from "../../output/shell-quote.js";
import { domainArg } from "../domain/view.js";

/** Every answer `wmctl setup` needs; each has a flag. */
export interface SetupAnswers {
  readonly org: { readonly create: string } | { readonly use: string };
  readonly domain: string | undefined;
  readonly dns: "route53" | "print" | "skip";
  readonly hostedZone: string | undefined;
  readonly createZone: boolean;
  readonly skipMx: boolean;
  readonly wait: boolean;
  readonly admin:
    | {
        readonly name: string;
        readonly displayName: string;
        readonly password: "stdin" | "file" | "generate" | "prompt";
        readonly file?: string;
      }
    | undefined;
}

export interface SetupFlags {
  readonly createOrg?: string;
  readonly domain?: string;
  readonly skipDomain: boolean;
  readonly dns?: "route53" | "print" | "skip";
  readonly hostedZone?: string;
  readonly createZone: boolean;
  readonly skipMx: boolean;
  readonly wait: boolean;
  readonly admin?: string;
  readonly adminDisplayName?: string;
  readonly skipAdmin: boolean;
  readonly passwordStdin: boolean;
  readonly passwordFile?: string;
  readonly generatePassword: boolean;
}

const ALIAS = /^(?!d-)([\da-zA-Z]+)([-][\da-zA-Z]+)*$/;
const USER_NAME = /^[\w\-.]+(@[\w\-.]+\.[a-zA-Z]{2,})?$/;
const USER_NAME_RULE = "letters, digits, . _ - only (at most 64)";
const validUserName = (name: string) => name.length <= 64 && USER_NAME.test(name);

/**
 * Without a terminal nothing can be asked: every answer must come from a flag, and all the missing
 * ones are named at once, before anything is created.
 */
function missingFlags(flags: SetupFlags, orgFromSettings: string | undefined): string[] {
  const missing: string[] = [];
  if (flags.createOrg === undefined && orgFromSettings === undefined)
    missing.push("--create-org ALIAS (or --org ALIAS for an existing one)");
  if (flags.domain === undefined && !flags.skipDomain) missing.push("--domain DOMAIN (or --skip-domain)");
  if (flags.domain !== undefined && flags.dns === undefined) missing.push("--dns route53|print|skip");
  if (flags.admin === undefined && !flags.skipAdmin) missing.push("--admin NAME (or --skip-admin)");
  if (
    flags.admin !== undefined &&
    !flags.passwordStdin &&
    flags.passwordFile === undefined &&
    !flags.generatePassword
  ) {
    missing.push("--password-stdin, --password-file or --generate-password");
  }
  return missing;
}

/** Asks what the flags do not say (only on a terminal). */
export async function gatherAnswers(ctx: CommandContext, flags: SetupFlags): Promise<SetupAnswers> {
  if (
    flags.createOrg !== undefined &&
    ctx.settings.org !== undefined &&
    ctx.settings.org !== ctx.settings.profile.organizationId
  ) {
    throw new UsageError("use either --create-org or --org, not both");
  }
  if (flags.domain !== undefined && flags.skipDomain)
    throw new UsageError("use either --domain or --skip-domain, not both");
  if (flags.admin !== undefined && flags.skipAdmin)
    throw new UsageError("use either --admin or --skip-admin, not both");
  if (flags.createOrg !== undefined && !ALIAS.test(flags.createOrg))
    throw new UsageError(
      `"${flags.createOrg}" is not a valid alias`,
      "letters, digits and single hyphens, not starting with d-",
    );
  if (flags.admin !== undefined && !validUserName(flags.admin))
    throw new UsageError(`--admin: "${flags.admin}" is not a valid user name`, USER_NAME_RULE);
  if (!ctx.prompter.canPrompt) {
    const missing = missingFlags(flags, ctx.settings.org);
    if (missing.length > 0) {
      throw new UsageError(
        `setup cannot ask its questions without a terminal; missing: ${missing.join("; ")}`,
        "e.g. wmctl setup --create-org acme --domain example.com --dns route53 --wait --admin admin --generate-password",
      );
    }
  }
  const p = ctx.prompter;
  let org: SetupAnswers["org"];
  // --org (or WMCTL_ORG) chooses; the profile's default organization is only the suggested answer.
  const explicitOrg =
    ctx.settings.org !== undefined && ctx.settings.org !== ctx.settings.profile.organizationId
      ? ctx.settings.org
      : undefined;
  if (flags.createOrg !== undefined) org = { create: flags.createOrg };
  else if (explicitOrg !== undefined || (!p.canPrompt && ctx.settings.org !== undefined))
    org = { use: (explicitOrg ?? ctx.settings.org) as string };
  else {
    const api = await ctx.backend();
    const live: Array<{ id: string; alias: string }> = [];
    for await (const o of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
      if (o.State === "Active" && o.Alias !== undefined && o.OrganizationId !== undefined)
        live.push({ id: o.OrganizationId, alias: o.Alias });
    }
    const suggested = live.find((o) => o.id === ctx.settings.profile.organizationId)?.alias;
    const choice = await p.select(
      "Organization",
      [{ value: "+new", name: "Create a new organization" }, ...live.map((o) => ({ value: o.alias, name: o.alias }))],
      { flag: "--create-org ALIAS or --org ALIAS", default: suggested ?? "+new" },
    );
    if (choice === "+new") {
      const alias = await p.input("Alias of the new organization (its web app is https://<alias>.awsapps.com/mail)", {
        flag: "--create-org",
        validate: (v) => (ALIAS.test(v) ? true : "letters, digits and single hyphens, not starting with d-"),
      });
      org = { create: alias };
    } else org = { use: choice };
  }
  let domain = flags.domain === undefined ? undefined : domainArg(flags.domain);
  if (domain === undefined && !flags.skipDomain) {
    const typed = await p.input(
      "Your mail domain (empty to skip; the test domain <alias>.awsapps.com works meanwhile)",
      {
        flag: "--domain or --skip-domain",
        default: "",
        validate: (v) => {
          if (v.trim() === "") return true;
          try {
            domainArg(v);
            return true;
          } catch (e) {
            return (e as Error).message;
          }
        },
      },
    );
    domain = typed.trim() === "" ? undefined : domainArg(typed);
  }
  let dns: SetupAnswers["dns"] = flags.dns ?? "skip";
  let wait = flags.wait;
  if (domain !== undefined && flags.dns === undefined) {
    const local = ctx.settings.backend === "local";
    dns = await p.select(
      `Publish ${domain}'s DNS records`,
      [
        {
          value: "route53",
          name: local
            ? "In the simulator's zones (its local Route 53)"
            : "In Route 53 (UPSERT into the domain's hosted zone)",
        },
        { value: "print", name: "Print them: I publish them at my DNS host" },
        { value: "skip", name: "Not now" },
      ],
      { flag: "--dns", default: "route53" },
    );
  }
  if (domain !== undefined && dns !== "skip" && !flags.wait && p.canPrompt) {
    wait = await p.confirm("Wait for WorkMail to verify the domain now?", {
      flag: "--wait",
      default: dns === "route53",
    });
  }
  let admin: SetupAnswers["admin"];
  let adminName = flags.admin;
  if (adminName === undefined && !flags.skipAdmin) {
    const typed = await p.input("Name of the first user, e.g. admin (empty to skip)", {
      flag: "--admin or --skip-admin",
      default: "",
      validate: (v) => (v.trim() === "" || validUserName(v.trim()) ? true : USER_NAME_RULE),
    });
    adminName = typed.trim() === "" ? undefined : typed.trim();
  }
  if (adminName !== undefined) {
    const password = flags.passwordStdin
      ? "stdin"
      : flags.passwordFile !== undefined
        ? "file"
        : flags.generatePassword
          ? "generate"
          : "prompt";
    admin = {
      name: adminName,
      displayName: flags.adminDisplayName ?? adminName,
      password,
      ...(flags.passwordFile === undefined ? {} : { file: flags.passwordFile }),
    };
  }
  return {
    org,
    domain,
    dns: domain === undefined ? "skip" : dns,
    hostedZone: flags.hostedZone,
    createZone: flags.createZone,
    skipMx: flags.skipMx,
    wait: domain !== undefined && dns !== "skip" && wait,
    admin,
  };
}

/** The same setup without questions: printed at the end (never with a password). */
export function commandLine(a: SetupAnswers): string {
  const args = ["wmctl", "setup"];
  if ("create" in a.org) args.push("--create-org", a.org.create);
  else args.push("--org", a.org.use);
  if (a.domain === undefined) args.push("--skip-domain");
  else {
    args.push("--domain", a.domain, "--dns", a.dns);
    if (a.hostedZone !== undefined) args.push("--hosted-zone", a.hostedZone);
    if (a.createZone) args.push("--create-zone");
    if (a.skipMx) args.push("--skip-mx");
    if (a.wait) args.push("--wait");
  }
  if (a.admin === undefined) args.push("--skip-admin");
  else {
    args.push("--admin", a.admin.name);
    if (a.admin.displayName !== a.admin.name) args.push("--admin-display-name", a.admin.displayName);
    if (a.admin.password === "generate") args.push("--generate-password");
    else if (a.admin.password === "file") args.push("--password-file", a.admin.file ?? "FILE");
    else args.push("--password-stdin");
  }
  return args.map(shellQuote).join(" ");
}
