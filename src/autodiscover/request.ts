import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIPv6, type LookupFunction } from "node:net";
import { checkServerIdentity, rootCertificates, type PeerCertificate, type TLSSocket } from "node:tls";

/** What the certificate of an HTTPS endpoint says, judged for the host name asked for. */
interface TlsInfo {
  /** Chains to a trusted CA (the system's, plus --ca-file). */
  readonly trusted: boolean;
  readonly trustError: string | undefined;
  readonly nameMatches: boolean;
  readonly subject: string | undefined;
  readonly altNames: readonly string[];
  readonly issuer: string | undefined;
  readonly validFrom: string | undefined;
  readonly validTo: string | undefined;
  readonly expired: boolean;
  readonly notYetValid: boolean;
}

export interface HttpExchange {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly tls?: TlsInfo;
  /** No HTTP answer: the connection or the handshake failed, or the time ran out. */
  readonly error?: { readonly code: string; readonly message: string };
  readonly elapsedMs: number;
}

export interface ExchangeOptions {
  readonly method: "GET" | "POST";
  /** Connect here instead of resolving the URL's host (the address `locate` found). */
  readonly address: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Extra CA certificates (PEM) trusted besides the system's. */
  readonly ca?: readonly string[];
  readonly timeoutMs: number;
}

const MAX_BODY = 256 * 1024;

/**
 * request: one HTTP(S) exchange to a URL at a given address, never throwing. TLS is not enforced
 * during the handshake so the certificate can be reported (trust, name, dates) whatever it is; the
 * caller decides what a bad certificate means.
 */
export function exchange(url: string, options: ExchangeOptions): Promise<HttpExchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  const family = isIPv6(options.address) ? 6 : 4;
  const fixedLookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: options.address, family },
      ]);
    else cb(null, options.address, family);
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<HttpExchange, "elapsedMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, elapsedMs: elapsed() });
    };
    const common = {
      hostname,
      port: target.port === "" ? (secure ? 443 : 80) : Number(target.port),
      path: `${target.pathname}${target.search}`,
      method: options.method,
      headers: {
        "user-agent": "wmctl-autodiscover-check",
        ...(options.body === undefined ? {} : { "content-type": "text/xml; charset=utf-8" }),
        ...options.headers,
      },
      lookup: fixedLookup,
      agent: false as const,
    };
    const onResponse = (res: IncomingMessage) => {
      const tls = secure ? tlsInfo(res.socket as TLSSocket, hostname) : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        done({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ...(tls === undefined ? {} : { tls }),
        });
      });
      res.on("error", (e: NodeJS.ErrnoException) => done({ error: { code: e.code ?? "ERROR", message: e.message } }));
    };
    const req = secure
      ? httpsRequest(
          {
            ...common,
            servername: hostname,
            rejectUnauthorized: false,
            ...(options.ca === undefined ? {} : { ca: [...rootCertificates, ...options.ca] }),
          },
          onResponse,
        )
      : httpRequest(common, onResponse);
    const timer = setTimeout(() => {
      req.destroy();
      done({ error: { code: "ETIMEDOUT", message: `no answer within ${options.timeoutMs} ms` } });
    }, options.timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => done({ error: { code: e.code ?? "ERROR", message: e.message } }));
    req.end(options.body);
  });
}

function tlsInfo(socket: TLSSocket, hostname: string): TlsInfo {
  const cert = socket.getPeerCertificate() as PeerCertificate | Record<string, never>;
  const empty = cert === null || Object.keys(cert).length === 0;
  const altNames = empty
    ? []
    : ((cert as PeerCertificate).subjectaltname ?? "")
        .split(/,\s*/)
        .filter((s) => s !== "")
        .map((s) => s.replace(/^(DNS|IP Address):/, ""));
  const now = Date.now();
  const from = empty ? undefined : (cert as PeerCertificate).valid_from;
  const to = empty ? undefined : (cert as PeerCertificate).valid_to;
  const nameError = empty ? new Error("no certificate") : checkServerIdentity(hostname, cert as PeerCertificate);
  const authError = socket.authorizationError as unknown as Error | string | null | undefined;
  return {
    trusted: socket.authorized,
    trustError: socket.authorized
      ? undefined
      : authError === null || authError === undefined
        ? "not trusted"
        : String(authError instanceof Error ? authError.message : authError),
    nameMatches: nameError === undefined,
    subject: empty ? undefined : first((cert as PeerCertificate).subject?.CN),
    altNames,
    issuer: empty ? undefined : first((cert as PeerCertificate).issuer?.CN ?? (cert as PeerCertificate).issuer?.O),
    validFrom: from,
    validTo: to,
    expired: to !== undefined && Date.parse(to) < now,
    notYetValid: from !== undefined && Date.parse(from) > now,
  };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
