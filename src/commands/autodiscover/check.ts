import { readFile } from "node:fs/promises";
import { defineCommand } from "../../cli/define-command.js";
import {
  allSteps,
  stepCodes,
  type AutodiscoverReport,
  type Method,
  type Step,
  type StepStatus,
} from "../../autodiscover/types.js";
import { ChecksFailedError, UsageError } from "../../errors/cli-error.js";
import type { Style } from "../../output/style.js";
import { environment } from "../domain/verify.js";
import { statusIcon } from "../domain/verify-render.js";
import { domainArg } from "../domain/view.js";
import { chooseNetwork, simulatorHosts } from "./network.js";

const FIELDS = ["method", "title", "status", "url", "codes", "evidence"] as const;

export const autodiscoverCheckCommand = defineCommand({
  name: "check",
  summary: "Test AutoDiscover for a domain the way Outlook and phones look for it",
  description:
    "Runs the methods in the order clients try them, like Microsoft's Remote Connectivity Analyzer:\n" +
    "phase 2 (HTTPS at https://<domain> and https://autodiscover.<domain>: DNS, TCP, the certificate's\n" +
    "name, trust and dates, an unauthenticated POST that must answer 401), phase 3 (the autodiscover\n" +
    "CNAME, then a plain-HTTP GET that must redirect (302) to HTTPS, followed; an address record instead\n" +
    "of the CNAME is checked too, and the missing CNAME reported), and the SRV record.\n" +
    "On the local backend a domain of the simulator is checked against its DNS and AutoDiscover servers;\n" +
    "--resolver, and any other domain, go to the real network (ports 443 and 80 unless given).\n" +
    "With --user and a password (--password-stdin or a prompt), the authenticated MobileSync request is\n" +
    "made and its ActiveSync URL shown. A wrong certificate on https://<domain> is flagged: Outlook\n" +
    "stops there. Exit status 3 when no method works.",
  examples: [
    "wmctl autodiscover check example.com",
    "printf '%s' \"$PW\" | wmctl autodiscover check bob@example.com --password-stdin",
    "wmctl autodiscover check example.com --user bob@example.com --ca-file corp-ca.pem -o json",
  ],
  args: [{ name: "target", describe: "a domain, or an email address (then it is also the user)" }],
  options: {
    user: { kind: "string", placeholder: "email", describe: "Authenticate as this user (the email address)" },
    passwordStdin: { kind: "boolean", describe: "Read the user's password from stdin" },
    passwordFile: { kind: "string", placeholder: "path", describe: "Read the user's password from a file" },
    caFile: {
      kind: "string",
      placeholder: "path",
      describe: "Also trust this CA certificate (PEM), e.g. a private CA",
    },
    resolver: {
      kind: "list",
      placeholder: "host[:port]",
      describe:
        "Resolve names through this DNS server, and use ports 443 and 80 (default: the system's; for a domain of the local or served simulator, its DNS server and AutoDiscover ports)",
    },
    httpsPort: {
      kind: "int",
      min: 1,
      max: 65535,
      placeholder: "port",
      describe: "HTTPS port for the URLs built from the domain (default 443)",
    },
    httpPort: {
      kind: "int",
      min: 1,
      max: 65535,
      placeholder: "port",
      describe: "HTTP port for the phase-3 redirect (default 80)",
    },
    stepTimeout: { kind: "duration", default: "10s", describe: "How long one connection or request may take" },
  },
  output: { fields: FIELDS, columns: ["method", "status", "url", "codes"], list: true },
  async run(ctx, opts) {
    const target = opts.target.trim();
    const at = target.lastIndexOf("@");
    if (at === 0) throw new UsageError(`"${opts.target}" is not a domain or an email address`);
    const domain = domainArg(target.slice(at + 1));
    if (opts.stepTimeout <= 0) throw new UsageError("--step-timeout must be more than 0", "e.g. --step-timeout 10s");
    const email = opts.user ?? (at === -1 ? undefined : `${target.slice(0, at).toLowerCase()}@${domain}`);
    let extraCa: string | undefined;
    if (opts.caFile !== undefined) {
      try {
        extraCa = await readFile(opts.caFile, "utf8");
      } catch (e) {
        throw new UsageError(
          `cannot read the CA file ${opts.caFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      if (!extraCa.includes("-----BEGIN CERTIFICATE-----"))
        throw new UsageError(`${opts.caFile} holds no PEM certificate`);
    }
    const env = await environment(ctx, opts.resolver, true);
    const named = opts.resolver.length > 0;
    const wired = env.httpsPort !== undefined || env.httpPort !== undefined;
    const net = chooseNetwork(
      domain,
      env,
      named,
      wired && !named ? await simulatorHosts(ctx, domain, env.resolvers[0]) : true,
    );
    if (net.note !== undefined) ctx.out.status(net.note);
    let password: string | undefined;
    if (opts.passwordStdin || opts.passwordFile !== undefined) {
      if (email === undefined)
        throw new UsageError(
          "a password needs a user",
          "pass --user EMAIL, or give an email address instead of the domain",
        );
      password = (await ctx.password({ stdin: opts.passwordStdin, file: opts.passwordFile }))?.password;
    } else if (opts.user !== undefined) {
      password = await ctx.prompter.password(`Password for ${opts.user}`, {
        flag: "--password-stdin or --password-file",
      });
    }
    const region = ctx.settings.region;
    const { checkAutodiscover } = await import("../../autodiscover/check.js");
    const report = await checkAutodiscover({
      domain,
      ...(email === undefined ? {} : { email }),
      ...(password === undefined ? {} : { password }),
      ...(net.resolvers.length > 0 ? { resolvers: net.resolvers } : {}),
      ca: [...(env.ca === undefined ? [] : [env.ca]), ...(extraCa === undefined ? [] : [extraCa])],
      ...(opts.httpsPort !== undefined
        ? { httpsPort: opts.httpsPort }
        : net.httpsPort !== undefined
          ? { httpsPort: net.httpsPort }
          : {}),
      ...(opts.httpPort !== undefined
        ? { httpPort: opts.httpPort }
        : net.httpPort !== undefined
          ? { httpPort: net.httpPort }
          : {}),
      ...(region === undefined ? {} : { expectedCname: `autodiscover.mail.${region}.awsapps.com` }),
      timeoutMs: opts.stepTimeout,
    });
    if (ctx.out.isJson) ctx.out.record(report);
    else if (ctx.out.format === "table") ctx.out.text(renderTree(report, ctx.out.config.style));
    else for (const m of report.methods) ctx.out.row(methodRow(m));
    if (report.status === "fail") throw failure(report, domain);
  },
});

/** Why no method works, in one line: the certificate trap, rejected credentials, or nothing reaching WorkMail. */
function failure(report: AutodiscoverReport, domain: string): ChecksFailedError {
  const codes = new Set(report.methods.flatMap((m) => stepCodes(m.steps)));
  if (codes.has("AD_ROOT_DOMAIN_CERT_TRAP")) {
    return new ChecksFailedError(
      `AutoDiscover for ${domain} fails: https://${domain} presents a wrong certificate and Outlook stops there`,
      "fix the certificate of the root domain (or make it refuse port 443)",
    );
  }
  if (codes.has("AD_AUTH_REJECTED")) {
    return new ChecksFailedError(
      `AutoDiscover for ${domain} reaches WorkMail, but it rejected the credentials of ${report.email ?? "the user"}`,
      "check the email address and the password; the user must be enabled",
    );
  }
  return new ChecksFailedError(
    `AutoDiscover for ${domain} fails: no method reaches WorkMail`,
    `publish autodiscover.${domain} as WorkMail asks: wmctl domain records ${domain}`,
  );
}

function methodRow(m: Method) {
  return {
    method: m.id,
    title: m.title,
    status: m.status,
    url: m.url,
    codes: stepCodes(m.steps),
    evidence: allSteps(m.steps).flatMap((s) => s.evidence),
  };
}

/** The Remote Connectivity Analyzer's tree: each method, its steps, their evidence and fixes. */
function renderTree(report: AutodiscoverReport, style: Style): string {
  const out: string[] = [
    `${style.bold(`AutoDiscover for ${report.domain}`)}${report.email ? style.dim(` as ${report.email}`) : ""}  ${style.dim(`${report.elapsedMs} ms`)}`,
  ];
  const icon = (status: StepStatus) => statusIcon(style, status);
  const walk = (steps: readonly Step[], indent: string) => {
    for (const s of steps) {
      out.push(
        `${indent}${icon(s.status)} ${s.title}${s.code ? `  ${s.status === "fail" ? style.red(s.code) : style.yellow(s.code)}` : ""}${s.elapsedMs !== undefined ? style.dim(`  ${s.elapsedMs} ms`) : ""}`,
      );
      for (const e of s.evidence) out.push(`${indent}    ${style.dim(e)}`);
      if (s.fix !== undefined) out.push(`${indent}    ${style.dim("fix:")} ${s.fix}`);
      walk(s.children ?? [], `${indent}  `);
    }
  };
  for (const m of report.methods) {
    out.push("", `${icon(m.status)} ${style.bold(m.title)}${m.url ? style.dim(`  ${m.url}`) : ""}`);
    walk(m.steps, "  ");
  }
  const verdict =
    report.status === "pass"
      ? style.green("works")
      : report.status === "warn"
        ? style.yellow("works, with warnings")
        : style.red("fails");
  out.push(
    "",
    `Result: ${verdict}${report.workingMethod ? style.dim(`  clients use ${report.workingMethod}`) : ""}${report.mobileSyncUrl ? `\nActiveSync URL: ${report.mobileSyncUrl}` : ""}`,
  );
  return out.join("\n") + "\n";
}
