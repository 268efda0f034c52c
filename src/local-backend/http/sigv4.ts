import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * AWS Signature Version 4 with node:crypto: the canonical request, the string to sign and the
 * signature, shared by the server (verifying requests against the store's own credentials) and
 * wmctl's own admin client (signing them). The verifier answers with the errors and messages the
 * AWS JSON front end gives, in the order it checks them (recorded by dynalite and kinesalite against
 * the real service): missing token, incomplete signature, date format, expiry, host, algorithm,
 * credential scope, unknown key, signature, security token.
 */

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** A request as it arrived (or will go) on the wire. */
export interface WireRequest {
  readonly method: string;
  /** The raw request target: path and query, still percent-encoded. */
  readonly url: string;
  /** Header name (lowercase) -> every value it was sent with, in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: Buffer;
}

export interface SigV4Failure {
  readonly name:
    | "MissingAuthenticationTokenException"
    | "IncompleteSignatureException"
    | "InvalidSignatureException"
    | "UnrecognizedClientException";
  readonly message: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
/** How far a request's date may be from the server's clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `20130609T095204Z` <-> Date. */
function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (m === null) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** RFC 3986 encoding, as the SDKs' `escapeUri`. */
function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The canonical URI of a non-S3 service: dot segments removed, each segment encoded again. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") segments.pop();
    else segments.push(seg);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return uriEscape(normalized).replace(/%2F/g, "/") || "/";
}

export function canonicalQuery(query: string): string {
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? "" : safeDecode(part.slice(eq + 1));
    pairs.push([uriEscape(k), uriEscape(v)]);
  }
  // By key, then by value, in code unit (byte) order of the encoded text.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  pairs.sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((v) => v.trim().replace(/\s+/g, " ")).join(",");
}

/** S3's canonical URI: the path encoded once, as sent (no dot-segment removal, no double encoding). */
function s3CanonicalUri(path: string): string {
  return (
    path
      .split("/")
      .map((seg) => uriEscape(safeDecode(seg)))
      .join("/") || "/"
  );
}

function canonicalRequest(req: WireRequest, signedHeaders: readonly string[], payloadHash: string, s3 = false): string {
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? "" : req.url.slice(q + 1);
  const headerLines = signedHeaders.map((h) => `${h}:${canonicalHeaderValue(req.headers.get(h) ?? [])}\n`).join("");
  const uri = s3 ? s3CanonicalUri(path) : canonicalUri(path);
  return [req.method.toUpperCase(), uri, canonicalQuery(query), headerLines, signedHeaders.join(";"), payloadHash].join(
    "\n",
  );
}

/** The service (and region) a request's SigV4 credential scope names, if it is signed. */
export function signingScope(req: WireRequest): { region: string; service: string } | undefined {
  const header = req.headers.get("authorization")?.[0];
  let credential: string | undefined;
  if (header !== undefined) credential = /Credential=([^,\s]+)/.exec(header)?.[1];
  else {
    // A presigned URL's X-Amz-Credential.
    const q = req.url.indexOf("?");
    if (q >= 0) credential = new URLSearchParams(req.url.slice(q + 1)).get("X-Amz-Credential") ?? undefined;
  }
  const parts = credential?.split("/");
  if (parts === undefined || parts.length < 4) return undefined;
  return { region: parts[2] as string, service: parts[3] as string };
}

const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}\0${region}\0${service}\0${secret}`;
  let key = keyCache.get(id);
  if (key === undefined) {
    const kDate = createHmac("sha256", `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac("sha256", kDate).update(region).digest();
    const kService = createHmac("sha256", kRegion).update(service).digest();
    key = createHmac("sha256", kService).update("aws4_request").digest();
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

function stringToSign(when: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${when}\n${scope}\n${sha256Hex(canonical)}`;
}

function signature(secret: string, scopeDate: string, region: string, service: string, toSign: string): string {
  return createHmac("sha256", signingKey(secret, scopeDate, region, service))
    .update(toSign)
    .digest("hex");
}

/**
 * Signs a request: returns the headers to add (x-amz-date, x-amz-content-sha256, authorization,
 * and x-amz-security-token for temporary credentials). `headers` must already hold `host`.
 */
export function signRequest(
  req: { method: string; url: string; headers: Record<string, string>; body: Buffer },
  creds: SigV4Credentials,
  scope: { region: string; service: string },
  now: Date = new Date(),
): Record<string, string> {
  const when = amzDate(now);
  const added: Record<string, string> = { "x-amz-date": when, "x-amz-content-sha256": sha256Hex(req.body) };
  if (creds.sessionToken) added["x-amz-security-token"] = creds.sessionToken;
  const all = new Map<string, string[]>();
  for (const [k, v] of Object.entries({ ...req.headers, ...added })) all.set(k.toLowerCase(), [v]);
  const signed = [...all.keys()].sort();
  const wire: WireRequest = { method: req.method, url: req.url, headers: all, body: req.body };
  const date = when.slice(0, 8);
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = stringToSign(
    when,
    credentialScope,
    canonicalRequest(wire, signed, added["x-amz-content-sha256"] as string),
  );
  const sig = signature(creds.secretAccessKey, date, scope.region, scope.service, toSign);
  added.authorization = `${ALGORITHM} Credential=${creds.accessKeyId}/${credentialScope}, SignedHeaders=${signed.join(";")}, Signature=${sig}`;
  return added;
}

export interface VerifyOptions {
  /** The region requests must be signed for (or any of several). */
  readonly region: string | readonly string[];
  readonly service: string;
  /** The credentials of an access key id, or undefined when the key is unknown. */
  readonly lookup: (accessKeyId: string) => SigV4Credentials | undefined;
  /** Real time (never the simulator's clock: clients sign with their wall clock). */
  readonly now?: Date;
  /**
   * S3's variant: the payload hash is the x-amz-content-sha256 header (UNSIGNED-PAYLOAD allowed;
   * a hash must match the body) and the path is encoded once.
   */
  readonly s3?: boolean;
  /**
   * Check only what the headers carry (token, format, date, terminator, a known key), before the
   * body is read; the scope's region and service and the signature itself are checked with the body.
   */
  readonly headersOnly?: boolean;
}

/** Checks a request's signature; returns the failure AWS would answer with, or the caller's key id. */
export function verifyRequest(
  req: WireRequest,
  options: VerifyOptions,
): { ok: true; accessKeyId: string } | { ok: false; failure: SigV4Failure } {
  const fail = (name: SigV4Failure["name"], message: string) => ({ ok: false as const, failure: { name, message } });
  const header = req.headers.get("authorization")?.[0];
  const q = req.url.indexOf("?");
  const query = q < 0 ? "" : req.url.slice(q + 1);
  const queryAuth = query.split("&").some((p) => p.split("=")[0] === "X-Amz-Algorithm");
  if (header !== undefined && queryAuth) {
    return fail(
      "InvalidSignatureException",
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (header === undefined || !header.trim().startsWith("AWS4-")) {
    return fail("MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  const trimmed = header.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const params = new Map<string, string>();
  for (const part of (space < 0 ? "" : trimmed.slice(space + 1)).split(/[,\s]+/)) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const rawDate = req.headers.get("x-amz-date")?.[0] ?? req.headers.get("date")?.[0];
  let incomplete = "";
  for (const p of ["Credential", "Signature", "SignedHeaders"]) {
    if (!params.get(p)) incomplete += `Authorization header requires '${p}' parameter. `;
  }
  if (rawDate === undefined)
    incomplete += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (incomplete !== "") return fail("IncompleteSignatureException", `${incomplete}Authorization=${header}`);

  const date = req.headers.has("x-amz-date") ? parseAmzDate(rawDate as string) : parseHttpDate(rawDate as string);
  if (date === undefined) {
    return fail(
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${rawDate as string}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const when = amzDate(date);
  const now = options.now ?? new Date();
  if (date.getTime() < now.getTime() - MAX_SKEW_MS) {
    return fail(
      "InvalidSignatureException",
      `Signature expired: ${when} is now earlier than ${amzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${amzDate(now)} - 15 min.)`,
    );
  }
  if (date.getTime() > now.getTime() + MAX_SKEW_MS) {
    return fail(
      "InvalidSignatureException",
      `Signature not yet current: ${when} is still later than ${amzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${amzDate(now)} + 15 min.)`,
    );
  }

  const signedHeaders = (params.get("SignedHeaders") as string).split(";").map((h) => h.toLowerCase());
  if (!signedHeaders.includes("host"))
    return fail("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  if (algorithm !== ALGORITHM) {
    return fail(
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `,
    );
  }
  const credential = (params.get("Credential") as string).replace(/\/+$/, "");
  const parts = credential.split("/");
  if (parts.length !== 5) {
    return fail(
      "IncompleteSignatureException",
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [keyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  let scopeProblems = "";
  if (options.headersOnly === true) {
    if (terminator !== "aws4_request" || scopeDate !== when.slice(0, 8))
      return fail("InvalidSignatureException", "Credential scope is malformed.");
    return options.lookup(keyId) === undefined
      ? fail("UnrecognizedClientException", "The security token included in the request is invalid.")
      : { ok: true, accessKeyId: keyId };
  }
  if (typeof options.region === "string" ? region !== options.region : !options.region.includes(region))
    scopeProblems += `Credential should be scoped to a valid region, not '${region}'. `;
  if (service !== options.service)
    scopeProblems += `Credential should be scoped to correct service: '${options.service}'. `;
  if (terminator !== "aws4_request")
    scopeProblems += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  if (scopeDate !== when.slice(0, 8)) {
    scopeProblems += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${when.slice(0, 8)}', from '${when}'.`;
  }
  if (scopeProblems !== "") return fail("InvalidSignatureException", scopeProblems.trim());

  const creds = options.lookup(keyId);
  if (creds === undefined)
    return fail("UnrecognizedClientException", "The security token included in the request is invalid.");

  let payloadHash = sha256Hex(req.body);
  if (options.s3 === true) {
    const declared = req.headers.get("x-amz-content-sha256")?.[0];
    if (declared === undefined)
      return fail("IncompleteSignatureException", "Missing required header for this request: x-amz-content-sha256");
    if (declared !== "UNSIGNED-PAYLOAD" && declared !== payloadHash) {
      return fail(
        "InvalidSignatureException",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
    payloadHash = declared;
  }
  const canonical = canonicalRequest(req, signedHeaders, payloadHash, options.s3 === true);
  const toSign = stringToSign(when, `${scopeDate}/${region}/${service}/aws4_request`, canonical);
  const expected = Buffer.from(signature(creds.secretAccessKey, scopeDate, region, service, toSign));
  const given = Buffer.from(params.get("Signature") as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return fail(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
        `Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\n` +
        `The String-to-Sign should have been\n'${toSign}'\n`,
    );
  }
  const token = req.headers.get("x-amz-security-token")?.[0];
  if (token !== undefined && token !== (creds.sessionToken ?? "")) {
    return fail("UnrecognizedClientException", "The security token included in the request is invalid");
  }
  return { ok: true, accessKeyId: keyId };
}

function parseHttpDate(s: string): Date | undefined {
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(s)) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Header name (lowercase) -> values, from Node's rawHeaders. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const list = map.get(name);
    if (list === undefined) map.set(name, [rawHeaders[i + 1] as string]);
    else list.push(rawHeaders[i + 1] as string);
  }
  return map;
}
