import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { normalizeOrigin } from "../../backend/simulator-server.js";

/**
 * Who may drive the served simulator from a web browser. Without a signature check (--no-auth) any
 * web page could otherwise POST to it (a cross-origin `text/plain` POST needs no preflight) or read
 * it through DNS rebinding, so with --no-auth:
 * - the Host header must name the simulator itself (an IP address, `localhost`, `*.localhost`, or
 *   the --host name): a rebound name such as `evil.example` is refused;
 * - a request from a browser page (an Origin header, or Sec-Fetch-Site naming another site) is
 *   refused unless --cors-origin names its origin.
 * With signatures, a page needs the simulator's keys anyway: CORS answers `*` as the AWS front end
 * does, unless --cors-origin narrows it.
 */
export interface BrowserPolicy {
  readonly auth: boolean;
  /** Origins (`http://localhost:3000`) allowed to call from a browser; `*` allows any. */
  readonly corsOrigins: readonly string[];
  /** The --host the server was started with. */
  readonly host: string;
}

export type BrowserVerdict =
  | { readonly ok: true; readonly cors: Record<string, string> }
  | { readonly ok: false; readonly message: string };

const EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") < 0 ? undefined : h.indexOf("]"));
  const colon = h.lastIndexOf(":");
  return colon < 0 || h.indexOf(":") !== colon ? h : h.slice(0, colon);
}

export function browserGuard(policy: BrowserPolicy): (req: IncomingMessage) => BrowserVerdict {
  const allowed = new Set(policy.corsOrigins.map((o) => normalizeOrigin(o) ?? o));
  const anyOrigin = allowed.has("*");
  const ownHost = policy.host.toLowerCase().replace(/^\[|\]$/g, "");
  const hostOk = (host: string | undefined) => {
    if (host === undefined) return true; // HTTP/1.0 clients; browsers always send Host
    const name = hostnameOf(host);
    return isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost") || name === ownHost;
  };
  return (req): BrowserVerdict => {
    if (!policy.auth && !hostOk(req.headers.host)) {
      return {
        ok: false,
        message: `Host '${req.headers.host ?? ""}' is not this simulator's address: without signatures (--no-auth) it answers only an IP address, localhost or --host`,
      };
    }
    const origin = req.headers.origin;
    const site = req.headers["sec-fetch-site"];
    if (origin === undefined) {
      if (!policy.auth && (site === "cross-site" || site === "same-site")) {
        return {
          ok: false,
          message:
            "a request from another web site is refused without signatures (--no-auth): allow its origin with --cors-origin",
        };
      }
      return { ok: true, cors: {} };
    }
    const normalized = normalizeOrigin(origin);
    if (anyOrigin || (normalized !== undefined && allowed.has(normalized))) {
      return {
        ok: true,
        cors: {
          "Access-Control-Allow-Origin": anyOrigin ? "*" : (normalized as string),
          "Access-Control-Expose-Headers": EXPOSE,
          Vary: "Origin",
        },
      };
    }
    if (policy.auth && allowed.size === 0)
      return { ok: true, cors: { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": EXPOSE } };
    return {
      ok: false,
      message: policy.auth
        ? `origin ${origin} is not allowed (--cors-origin names the web pages that may call the simulator)`
        : `a web page (origin ${origin}) cannot drive a simulator served without signatures (--no-auth): allow it with --cors-origin ${normalized ?? origin}`,
    };
  };
}
