import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";
import { DEFAULT_SERVICE_NAMES } from "../dns/answer.js";
import { advertiseService, withdrawService } from "../network-services.js";
import { verifyPassword } from "../operations/entities.js";
import { workmailEndpoints } from "../operations/domain-records.js";
import { ZoneReader } from "../route53/zone-store.js";
import type { Db } from "../store/database.js";
import { issueCertificate, localCa } from "../tls/local-ca.js";
import { LoginLimiter, type LoginAttempts } from "./login-limiter.js";
import { errorResponse, mobileSyncResponse, outlookResponse, parsePoxRequest, SCHEMA } from "./pox.js";

export interface AutodiscoverServerOptions {
  /** The simulator's store (LocalBackend.db): users, passwords, domains and zones are read live. */
  readonly db: Db;
  /** The region whose endpoints the answers name (ActiveSync, EWS, the phase-3 redirect). */
  readonly region: string;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Plain HTTP port for the phase-3 redirect (default 0: ephemeral). */
  readonly httpPort?: number;
  /** HTTPS port (default 0: ephemeral). */
  readonly httpsPort?: number;
  /** Record the endpoints in the store for wmctl commands on the local backend (default true). */
  readonly advertise?: boolean;
  /** Failed logins allowed per client address and window (default 10 a minute). */
  readonly loginAttempts?: LoginAttempts;
  /** Called once per request (for a --debug log). */
  readonly onRequest?: (r: { method: string; host: string; path: string; status: number; tls: boolean }) => void;
}

export interface RunningAutodiscoverServer {
  readonly host: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  /** The local CA's certificate, which the HTTPS certificates chain to (`wmctl local ca`). */
  readonly caCertificatePem: string;
  close(): Promise<void>;
}

const AUTODISCOVER_PATH = /^\/autodiscover\/autodiscover\.xml$/i;
const MAX_BODY = 64 * 1024;

interface UserRow {
  name: string;
  display_name: string | null;
  email: string;
  password_hash: string | null;
}

/**
 * The simulator's AutoDiscover endpoints (admin guide: Enabling AutoDiscover; phase 2
 * troubleshooting):
 * - HTTPS: POST /autodiscover/autodiscover.xml answers 401 without credentials, and with the Basic
 *   credentials of an enabled user of a simulated organization the MobileSync (or Outlook) POX
 *   response. Its certificate covers WorkMail's regional host names; `autodiscover.<domain>` gets
 *   its own certificate only when that name has an address record in the local zones (a phase-2
 *   endpoint of the admin's own, like a CloudFront distribution);
 * - HTTP: any request for the AutoDiscover path is redirected (302) to the HTTPS endpoint, as phase 3
 *   expects.
 */
export async function startAutodiscoverServer(options: AutodiscoverServerOptions): Promise<RunningAutodiscoverServer> {
  const host = options.host ?? "127.0.0.1";
  const endpoints = workmailEndpoints(options.region);
  const ca = await localCa(options.db);
  const defaultNames = [
    ...DEFAULT_SERVICE_NAMES.regions.flatMap((r) => [
      `autodiscover-service.mail.${r}.awsapps.com`,
      `autodiscover.mail.${r}.awsapps.com`,
      `mobile.mail.${r}.awsapps.com`,
    ]),
    "localhost",
    "127.0.0.1",
  ];
  const issued = await issueCertificate(ca, defaultNames);
  const defaultContext = createSecureContext({ key: issued.keyPem, cert: issued.certPem + ca.certPem });
  const reader = new ZoneReader(options.db);
  const contexts = new Map<string, Promise<SecureContext | undefined>>();

  // A phase-2 endpoint of the admin's own: autodiscover.<registered domain> with an address record.
  const phase2Context = (servername: string): Promise<SecureContext | undefined> => {
    const name = servername.toLowerCase();
    const domain = name.startsWith("autodiscover.") ? name.slice("autodiscover.".length) : undefined;
    if (domain === undefined) return Promise.resolve(undefined);
    const registered = options.db
      .prepare<[string], { n: number }>("SELECT 1 AS n FROM mail_domains WHERE domain = ? AND is_test = 0")
      .get(domain);
    const zone = reader.zoneFor(`${name}.`);
    const hasAddress =
      zone !== undefined && reader.recordSetsAt(zone.id, `${name}.`).some((s) => s.type === "A" || s.type === "AAAA");
    if (registered === undefined || !hasAddress) return Promise.resolve(undefined);
    let ctx = contexts.get(name);
    if (ctx === undefined) {
      ctx = issueCertificate(ca, [name]).then((c) =>
        createSecureContext({ key: c.keyPem, cert: c.certPem + ca.certPem }),
      );
      contexts.set(name, ctx);
    }
    return ctx;
  };

  const findUser = (email: string): UserRow | undefined =>
    options.db
      .prepare<[string], UserRow>(
        `SELECT e.name, e.display_name, e.email, e.password_hash FROM addresses a
           JOIN entities e ON e.org_id = a.org_id AND e.id = a.entity_id
           JOIN organizations o ON o.id = a.org_id
         WHERE a.address = lower(?) AND e.type = 'USER' AND e.state = 'ENABLED' AND o.deleting_at IS NULL LIMIT 1`,
      )
      .get(email);

  let httpsPort = 0;
  const limiter = new LoginLimiter(options.loginAttempts);
  const log = (req: IncomingMessage, status: number, tls: boolean) =>
    options.onRequest?.({ method: req.method ?? "", host: req.headers.host ?? "", path: req.url ?? "", status, tls });

  const handleHttps = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/xml; charset=utf-8", ...headers });
      res.end(body);
      log(req, status, true);
    };
    if (!AUTODISCOVER_PATH.test(path)) return send(404, "", { "content-type": "text/plain" });
    if (req.method !== "POST" && req.method !== "GET") return send(405, "", { allow: "GET, POST" });
    const credentials = basicCredentials(req.headers.authorization);
    const challenge = { "www-authenticate": 'Basic realm="Amazon WorkMail AutoDiscover"' };
    // The body is read only for a user whose password is right.
    if (credentials === undefined) return send(401, "", challenge);
    const client = req.socket.remoteAddress ?? "";
    const wait = limiter.retryAfterMs(client);
    if (wait > 0) return send(429, "", { "content-type": "text/plain", "retry-after": String(Math.ceil(wait / 1000)) });
    const user = findUser(credentials.user);
    if (user === undefined || !verifyPassword(credentials.password, user.password_hash)) {
      limiter.fail(client);
      return send(401, "", challenge);
    }
    limiter.succeed(client);
    const body = await readBody(req);
    const request = body === undefined ? undefined : await parsePoxRequest(body);
    if (request === undefined) return send(200, await errorResponse(600, "Invalid Request"));
    const who = { displayName: user.display_name ?? user.name, email: user.email };
    if (request.schema === SCHEMA.mobileResponse) return send(200, await mobileSyncResponse(who, endpoints.activeSync));
    if (request.schema === SCHEMA.outlookResponse) return send(200, await outlookResponse(who, endpoints.ews));
    return send(200, await errorResponse(601, "Provider is not available for the requested schema"));
  };

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (!AUTODISCOVER_PATH.test(path)) {
      res.writeHead(404, { "content-type": "text/plain" }).end();
      return log(req, 404, false);
    }
    const port = httpsPort === 443 ? "" : `:${httpsPort}`;
    res
      .writeHead(302, {
        location: `https://${endpoints.autodiscoverService}${port}/autodiscover/autodiscover.xml`,
        "content-length": "0",
      })
      .end();
    log(req, 302, false);
  };

  const https = createHttpsServer(
    {
      key: issued.keyPem,
      cert: issued.certPem + ca.certPem,
      SNICallback: (servername, cb) => {
        phase2Context(servername).then(
          (ctx) => cb(null, ctx ?? defaultContext),
          () => cb(null, defaultContext),
        );
      },
    },
    (req, res) => {
      handleHttps(req, res).catch(async () => {
        // A bug, not the client's fault: still AutoDiscover's own error answer, never an empty 500.
        if (res.headersSent) return res.destroy();
        const body = await errorResponse(600, "Invalid Request").catch(() => "");
        res.writeHead(500, { "content-type": "text/xml; charset=utf-8" }).end(body);
      });
    },
  );
  const http = createHttpServer(handleHttp);
  const sockets = new Set<Socket>();
  for (const s of [https, http]) {
    s.on("connection", (c: Socket) => {
      sockets.add(c);
      c.on("close", () => sockets.delete(c));
    });
  }
  const listen = (server: typeof http | typeof https, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ port, host }, () => {
        const address = server.address();
        resolve(typeof address === "object" && address !== null ? address.port : port);
      });
    });
  httpsPort = await listen(https, options.httpsPort ?? 0);
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort ?? 0);
  } catch (e) {
    https.close();
    throw e;
  }
  const endpoint = { host, httpPort, httpsPort };
  if (options.advertise !== false) advertiseService(options.db, "autodiscover", endpoint);
  let closed = false;
  return {
    host,
    httpPort,
    httpsPort,
    caCertificatePem: ca.certPem,
    async close() {
      if (closed) return;
      closed = true;
      if (options.advertise !== false) withdrawService(options.db, "autodiscover", endpoint);
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => https.close(() => r())),
        new Promise<void>((r) => http.close(() => r())),
      ]);
    },
  };
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (m === null) return undefined;
  const decoded = Buffer.from(m[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
  });
}
