import type { DnsServer, Resolver } from "../dns-verify/resolver.js";
import { WireResolver } from "../dns-verify/wire-resolver.js";
import { createLocator, type Locator } from "./locate.js";
import { mobileSyncRequest, parsePoxAnswer } from "./parse.js";
import { exchange, type HttpExchange } from "./request.js";
import { worst, type AutodiscoverReport, type Method, type Step, type StepStatus } from "./types.js";

export interface AutodiscoverCheckOptions {
  readonly domain: string;
  /** With a password: the authenticated POX request is made and its MobileSync URL shown. */
  readonly email?: string;
  readonly password?: string;
  /** Resolve host names through these DNS servers (default: the operating system). */
  readonly resolvers?: readonly DnsServer[];
  readonly resolver?: Resolver;
  /** Extra trusted CA certificates (PEM), e.g. the simulator's (`wmctl local ca`). */
  readonly ca?: readonly string[];
  /** Ports for the URLs built from the domain (default 443 and 80); a local simulator's otherwise. */
  readonly httpsPort?: number;
  readonly httpPort?: number;
  /** WorkMail's AutoDiscover host for the phase-3 CNAME (`autodiscover.mail.<region>.awsapps.com`). */
  readonly expectedCname?: string;
  readonly timeoutMs?: number;
}

const PATH = "/autodiscover/autodiscover.xml";

interface Run {
  readonly opts: AutodiscoverCheckOptions;
  readonly locate: Locator;
  readonly timeoutMs: number;
}

const step = (id: string, title: string, status: StepStatus, evidence: string[], extra: Partial<Step> = {}): Step => ({
  id,
  title,
  status,
  evidence,
  ...extra,
});
const portOf = (port: number | undefined, dflt: number) => (port === undefined || port === dflt ? "" : `:${port}`);

function describeTls(x: HttpExchange): string[] {
  const t = x.tls;
  if (t === undefined) return [];
  return [
    `certificate: ${t.subject ?? "(no subject)"}; names: ${t.altNames.slice(0, 4).join(", ") || "(none)"}${t.altNames.length > 4 ? ` and ${t.altNames.length - 4} more` : ""}`,
    `issued by ${t.issuer ?? "?"}; valid ${t.validFrom ?? "?"} to ${t.validTo ?? "?"}`,
  ];
}

/**
 * The HTTPS steps of one candidate URL: address, connection, certificate, the unauthenticated POST
 * (401 expected), and with credentials the authenticated POX request. Credentials are never sent
 * over a connection whose certificate is not trusted for the name.
 */
async function httpsSteps(
  run: Run,
  url: string,
  kind: "root" | "autodiscover" | "redirect" | "srv",
  cnamed: boolean,
): Promise<{ steps: Step[]; status: StepStatus; mobileSyncUrl?: string }> {
  const u = new URL(url);
  const host = u.hostname;
  const steps: Step[] = [];
  const located = await run.locate.address(host);
  if (located.addresses.length === 0) {
    // The domain's own names are optional (a client moves on); a host something points at must resolve.
    const pointedAt = kind === "redirect" || kind === "srv";
    steps.push(
      step(
        "dns",
        `Resolve ${host}`,
        pointedAt ? "fail" : "skip",
        [`${host}: ${located.error ?? "no address"}`],
        pointedAt ? { code: "AD_DNS_NO_ADDRESS", fix: `make ${host} resolve` } : {},
      ),
    );
    return { steps, status: pointedAt ? "fail" : "skip" };
  }
  const address = located.addresses[0] as string;
  steps.push(
    step("dns", `Resolve ${host}`, "pass", [
      `${host} -> ${located.addresses.join(", ")}${located.via.length ? ` (via CNAME ${located.via.join(" -> ")})` : ""}`,
    ]),
  );
  const unauth = await exchange(url, {
    method: "POST",
    address,
    body: "",
    ca: run.opts.ca ?? [],
    timeoutMs: run.timeoutMs,
  });
  if (unauth.error !== undefined) {
    const refused = unauth.error.code === "ECONNREFUSED";
    const status: StepStatus = kind === "root" && refused ? "skip" : "fail";
    steps.push(
      step(
        "connect",
        `Connect to ${host}:${u.port || 443} and negotiate TLS`,
        status,
        [`${address}: ${unauth.error.code} ${unauth.error.message}`],
        {
          code: refused ? "AD_TCP_REFUSED" : unauth.error.code === "ETIMEDOUT" ? "AD_TCP_TIMEOUT" : "AD_TLS_HANDSHAKE",
          elapsedMs: unauth.elapsedMs,
          ...(kind === "root" && !refused
            ? { fix: `a slow or broken https://${host} delays Outlook before it tries the next method` }
            : {}),
        },
      ),
    );
    return { steps, status };
  }
  steps.push(
    step("connect", `Connect to ${host}:${u.port || 443} and negotiate TLS`, "pass", [`connected to ${address}`], {
      elapsedMs: unauth.elapsedMs,
    }),
  );
  const tls = unauth.tls;
  const certOk = tls !== undefined && tls.trusted && tls.nameMatches && !tls.expired && !tls.notYetValid;
  if (!certOk) {
    const problem =
      tls === undefined
        ? "no certificate"
        : !tls.nameMatches
          ? `the certificate is not valid for ${host}`
          : tls.expired
            ? "the certificate has expired"
            : tls.notYetValid
              ? "the certificate is not valid yet"
              : `the certificate is not trusted (${tls.trustError ?? "unknown issuer"})`;
    const code =
      kind === "root"
        ? "AD_ROOT_DOMAIN_CERT_TRAP"
        : !tls?.nameMatches
          ? "AD_TLS_NAME_MISMATCH"
          : tls.expired || tls.notYetValid
            ? "AD_TLS_EXPIRED"
            : "AD_TLS_UNTRUSTED";
    const status: StepStatus = kind === "autodiscover" && cnamed ? "warn" : "fail";
    const fix =
      kind === "root"
        ? `Outlook tries https://${host} first and stops at a certificate error instead of moving on: serve a valid certificate for ${host}, or make ${host} refuse port 443`
        : kind === "autodiscover" && cnamed
          ? `phase 2 needs an HTTPS endpoint with your own certificate for ${host} (CloudFront or a proxy to autodiscover-service.mail.<region>.awsapps.com); phase 3 still works through the CNAME`
          : `serve a certificate for ${host} from a trusted CA (or pass --ca-file for a private CA)`;
    steps.push(step("tls", "Validate the certificate", status, [problem, ...describeTls(unauth)], { code, fix }));
    return { steps, status };
  }
  steps.push(step("tls", "Validate the certificate", "pass", describeTls(unauth)));
  if (unauth.status === 401) {
    steps.push(
      step(
        "unauthenticated",
        "POST without credentials (401 expected)",
        "pass",
        [
          `HTTP 401${unauth.headers?.["www-authenticate"] ? ` (WWW-Authenticate: ${unauth.headers["www-authenticate"]})` : ""}`,
        ],
        { elapsedMs: unauth.elapsedMs },
      ),
    );
  } else {
    steps.push(
      step("unauthenticated", "POST without credentials (401 expected)", "fail", [`HTTP ${unauth.status ?? "?"}`], {
        code: "AD_UNAUTHENTICATED_NOT_401",
        fix: "the URL must reach WorkMail's AutoDiscover service (autodiscover-service.mail.<region>.awsapps.com); a web site or a proxy answering on its own does not",
      }),
    );
    return { steps, status: kind === "root" ? "warn" : "fail" };
  }
  if (run.opts.email === undefined || run.opts.password === undefined) return { steps, status: "pass" };
  const auth = await exchange(url, {
    method: "POST",
    address,
    body: mobileSyncRequest(run.opts.email),
    headers: { authorization: `Basic ${Buffer.from(`${run.opts.email}:${run.opts.password}`).toString("base64")}` },
    ca: run.opts.ca ?? [],
    timeoutMs: run.timeoutMs,
  });
  const title = `POST the MobileSync request as ${run.opts.email}`;
  if (auth.status === 401) {
    steps.push(
      step("authenticated", title, "fail", ["HTTP 401: the user name or password was rejected"], {
        code: "AD_AUTH_REJECTED",
        fix: "check the email address and password; the user must be enabled",
        elapsedMs: auth.elapsedMs,
      }),
    );
    return { steps, status: "fail" };
  }
  if (auth.status !== 200 || auth.body === undefined) {
    steps.push(
      step(
        "authenticated",
        title,
        "fail",
        [auth.error ? `${auth.error.code} ${auth.error.message}` : `HTTP ${auth.status ?? "?"}`],
        { code: "AD_AUTH_REQUEST_FAILED", elapsedMs: auth.elapsedMs },
      ),
    );
    return { steps, status: "fail" };
  }
  const answer = await parsePoxAnswer(auth.body);
  if (answer.kind === "mobilesync" && answer.mobileSyncUrl !== undefined) {
    steps.push(
      step(
        "authenticated",
        title,
        "pass",
        [
          `MobileSync URL: ${answer.mobileSyncUrl}`,
          ...(answer.displayName ? [`user: ${answer.displayName} <${answer.email ?? run.opts.email}>`] : []),
        ],
        { elapsedMs: auth.elapsedMs },
      ),
    );
    return { steps, status: "pass", mobileSyncUrl: answer.mobileSyncUrl };
  }
  const why =
    answer.kind === "error"
      ? `AutoDiscover error ${answer.errorCode ?? "?"}: ${answer.errorMessage ?? ""}`
      : `no MobileSync server in the answer (${answer.kind})`;
  steps.push(step("authenticated", title, "fail", [why], { code: "AD_NO_MOBILESYNC", elapsedMs: auth.elapsedMs }));
  return { steps, status: "fail" };
}

async function phase2(
  run: Run,
  host: string,
  kind: "root" | "autodiscover",
): Promise<Method & { mobileSyncUrl?: string }> {
  const url = `https://${host}${portOf(run.opts.httpsPort, 443)}${PATH}`;
  const cname = kind === "autodiscover" ? await run.locate.cname(host) : { targets: [] };
  const r = await httpsSteps(run, url, kind, cname.targets.length > 0);
  const title = kind === "root" ? "Phase 2: HTTPS at the domain" : "Phase 2: HTTPS at the autodiscover host";
  return {
    id: kind === "root" ? "phase2-root" : "phase2-autodiscover",
    title,
    url,
    status: r.status,
    steps: r.steps,
    ...(r.mobileSyncUrl ? { mobileSyncUrl: r.mobileSyncUrl } : {}),
  };
}

async function phase3(run: Run): Promise<Method & { mobileSyncUrl?: string; works?: boolean }> {
  const host = `autodiscover.${run.opts.domain}`;
  const url = `http://${host}${portOf(run.opts.httpPort, 80)}${PATH}`;
  const base = { id: "phase3-redirect", title: "Phase 3: DNS CNAME and HTTP redirect", url };
  const steps: Step[] = [];
  const [cname, located] = await Promise.all([run.locate.cname(host), run.locate.address(host)]);
  const expected = run.opts.expectedCname;
  const cnameFix = `add ${host}. CNAME ${expected ?? "autodiscover.mail.<region>.awsapps.com"}.`;
  if (cname.targets.length === 0) {
    // The guide's phase 3 is a lookup of the name and a GET that must redirect: an address record
    // (a proxy of the admin's own) can do it too. The missing CNAME WorkMail asks for is its own finding.
    if (located.addresses.length === 0) {
      steps.push(
        step(
          "cname",
          `CNAME ${host}`,
          "fail",
          [`${host}: no CNAME (${cname.outcome}) and no address (${located.error ?? "none"})`],
          { code: "AD_CNAME_MISSING", fix: cnameFix },
        ),
      );
      return { ...base, status: "fail", steps };
    }
    steps.push(
      step(
        "cname",
        `CNAME ${host}`,
        "warn",
        [`${host}: no CNAME (${cname.outcome}); it has an address record instead`],
        {
          code: "AD_CNAME_MISSING",
          fix: `${cnameFix} (WorkMail asks for the CNAME; the redirect below is checked on the address as it is)`,
        },
      ),
    );
  } else {
    const target = cname.targets[0] as string;
    if (expected !== undefined && target !== expected) {
      steps.push(
        step("cname", `CNAME ${host}`, "warn", [`${host} -> ${target}`, `WorkMail asks for ${expected}`], {
          code: "AD_CNAME_MISMATCH",
          fix: `point ${host} at ${expected}.`,
        }),
      );
    } else {
      steps.push(step("cname", `CNAME ${host}`, "pass", [`${host} -> ${target}`]));
    }
  }
  if (located.addresses.length === 0) {
    steps.push(
      step("dns", `Resolve ${host}`, "fail", [`${host}: ${located.error ?? "no address"}`], {
        code: "AD_DNS_NO_ADDRESS",
      }),
    );
    return { ...base, status: "fail", steps };
  }
  steps.push(step("dns", `Resolve ${host}`, "pass", [`${host} -> ${located.addresses.join(", ")}`]));
  const get = await exchange(url, { method: "GET", address: located.addresses[0] as string, timeoutMs: run.timeoutMs });
  const location = get.headers?.location;
  if (get.error !== undefined || get.status !== 302 || location === undefined) {
    const evidence = get.error
      ? `${get.error.code} ${get.error.message}`
      : `HTTP ${get.status ?? "?"}${location ? ` Location: ${location}` : ""}`;
    steps.push(
      step("redirect", "Unauthenticated GET over HTTP (302 expected)", "fail", [evidence], {
        code: "AD_REDIRECT_MISSING",
        fix: `${host} must answer plain HTTP with a 302 to the HTTPS AutoDiscover endpoint (WorkMail does, through the CNAME)`,
        elapsedMs: get.elapsedMs,
      }),
    );
    return { ...base, status: "fail", steps };
  }
  let next: URL;
  try {
    next = new URL(location, url);
  } catch {
    steps.push(
      step(
        "redirect",
        "Unauthenticated GET over HTTP (302 expected)",
        "fail",
        [`HTTP 302 Location: ${location} (not a URL)`],
        { code: "AD_REDIRECT_INVALID" },
      ),
    );
    return { ...base, status: "fail", steps };
  }
  if (next.protocol !== "https:") {
    steps.push(
      step("redirect", "Unauthenticated GET over HTTP (302 expected)", "fail", [`HTTP 302 Location: ${next.href}`], {
        code: "AD_REDIRECT_NOT_HTTPS",
        fix: "clients only follow a redirect to HTTPS",
      }),
    );
    return { ...base, status: "fail", steps };
  }
  const followed = await httpsSteps(run, next.href, "redirect", false);
  steps.push(
    step("redirect", "Unauthenticated GET over HTTP (302 expected)", "pass", [`HTTP 302 Location: ${next.href}`], {
      elapsedMs: get.elapsedMs,
    }),
  );
  steps.push(
    step("follow", `Follow the redirect to ${next.host}`, followed.status, [next.href], { children: followed.steps }),
  );
  // A client gets through when the redirect it followed works, whatever the CNAME findings say.
  return {
    ...base,
    status: worst(steps.map((s) => s.status)),
    steps,
    works: followed.status === "pass",
    ...(followed.mobileSyncUrl ? { mobileSyncUrl: followed.mobileSyncUrl } : {}),
  };
}

async function srvMethod(run: Run): Promise<Method & { mobileSyncUrl?: string }> {
  const name = `_autodiscover._tcp.${run.opts.domain}`;
  const srv = await run.locate.srv(name);
  const best = [...srv.records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  if (best === undefined) {
    return {
      id: "srv",
      title: "DNS SRV record",
      url: undefined,
      status: "skip",
      steps: [
        step("srv", `SRV ${name}`, "skip", [`${name}: no SRV record (${srv.outcome}); WorkMail does not ask for one`]),
      ],
    };
  }
  const url = `https://${best.target}${portOf(best.port, 443)}${PATH}`;
  const r = await httpsSteps(run, url, "srv", false);
  return {
    id: "srv",
    title: "DNS SRV record",
    url,
    status: r.status,
    steps: [
      step("srv", `SRV ${name}`, "pass", [`${best.priority} ${best.weight} ${best.port} ${best.target}`]),
      ...r.steps,
    ],
    ...(r.mobileSyncUrl ? { mobileSyncUrl: r.mobileSyncUrl } : {}),
  };
}

/**
 * check: the AutoDiscover methods in the order Outlook tries them (phase 1 SCP, which needs Active
 * Directory, is skipped): HTTPS at the domain, HTTPS at autodiscover.<domain>, the phase-3 CNAME
 * and HTTP redirect, and the SRV record. All methods run at once. Never throws.
 */
export async function checkAutodiscover(opts: AutodiscoverCheckOptions): Promise<AutodiscoverReport> {
  const started = performance.now();
  const domain = opts.domain.toLowerCase().replace(/\.$/, "");
  const run: Run = {
    opts: { ...opts, domain },
    locate: createLocator(opts.resolver ?? new WireResolver({ timeoutMs: 2000 }), opts.resolvers ?? []),
    timeoutMs: opts.timeoutMs ?? 5000,
  };
  const guard = async (id: string, title: string, f: () => Promise<Method & { mobileSyncUrl?: string }>) => {
    try {
      return await f();
    } catch (e) {
      return {
        id,
        title,
        url: undefined,
        status: "fail" as const,
        steps: [step("error", "Run the check", "fail", [(e as Error).message], { code: "AD_CHECK_ERROR" })],
      };
    }
  };
  const scp: Method = {
    id: "phase1-scp",
    title: "Phase 1: Active Directory SCP lookup",
    url: undefined,
    status: "skip",
    steps: [
      step("scp", "Service connection point", "skip", ["only for computers joined to an Active Directory domain"]),
    ],
  };
  const [root, sub, redirect, srv] = await Promise.all([
    guard("phase2-root", "Phase 2: HTTPS at the domain", () => phase2(run, domain, "root")),
    guard("phase2-autodiscover", "Phase 2: HTTPS at the autodiscover host", () =>
      phase2(run, `autodiscover.${domain}`, "autodiscover"),
    ),
    guard("phase3-redirect", "Phase 3: DNS CNAME and HTTP redirect", () => phase3(run)),
    guard("srv", "DNS SRV record", () => srvMethod(run)),
  ]);
  const ordered = [root, sub, redirect, srv];
  const working = ordered.find((m) => m.status === "pass" || ("works" in m && m.works === true));
  const trap = root.steps.some((s) => s.code === "AD_ROOT_DOMAIN_CERT_TRAP");
  let status: StepStatus;
  if (trap || working === undefined) status = "fail";
  else {
    const before = ordered.slice(0, ordered.indexOf(working));
    status =
      working.status === "warn" || before.some((m) => m.status === "fail" || m.status === "warn") ? "warn" : "pass";
  }
  const mobileSyncUrl = ordered
    .map((m) => ("mobileSyncUrl" in m ? m.mobileSyncUrl : undefined))
    .find((u) => u !== undefined);
  return {
    domain,
    email: opts.email,
    status,
    methods: [scp, ...ordered.map((m) => ({ id: m.id, title: m.title, url: m.url, status: m.status, steps: m.steps }))],
    mobileSyncUrl,
    workingMethod: working?.id,
    elapsedMs: Math.round(performance.now() - started),
  };
}
