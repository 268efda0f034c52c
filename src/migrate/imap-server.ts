import { UsageError } from "../errors/cli-error.js";

/** An IMAP server named by URL: imap://host[:143] or imaps://host[:993]. */
export interface ImapServer {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The URL without credentials or path: the ledger's and report's name for the server. */
  readonly url: string;
}

export function parseImapUrl(text: string, flag: string): ImapServer {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(
      `${flag} must be an imap:// or imaps:// URL, e.g. imaps://outlook.office365.com (got ${JSON.stringify(text)})`,
    );
  }
  if (u.protocol !== "imap:" && u.protocol !== "imaps:")
    throw new UsageError(`${flag} must be an imap:// or imaps:// URL (got ${u.protocol}//...)`);
  if (u.username !== "" || u.password !== "")
    throw new UsageError(
      `${flag}: do not put a login or password in the URL`,
      "logins come from the map file; passwords from --password-stdin, --password-file or the map's password column",
    );
  if (u.hostname === "") throw new UsageError(`${flag} needs a host name`);
  const secure = u.protocol === "imaps:";
  const port = u.port === "" ? (secure ? 993 : 143) : Number(u.port);
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port, secure, url: `${u.protocol}//${u.host.includes(":") ? u.host : `${u.host}:${port}`}` };
}

/** How wmctl logs in as one user: a password, or an XOAUTH2 access token. Never logged. */
export type ImapAuth =
  | { readonly user: string; readonly pass: string }
  | { readonly user: string; readonly accessToken: string };

/** A login the server refused (exit 4 for the run). */
export class ImapAuthFailure extends Error {
  constructor(
    readonly login: string,
    readonly server: string,
    detail: string,
  ) {
    super(`${server} refused the login ${login}: ${detail}`);
    this.name = "ImapAuthFailure";
  }
}

/** The structural part of imapflow's client that the copy uses (lets verify and copy share it). */
export type ImapClient = import("imapflow").ImapFlow;

const CERTIFICATE_ERRORS = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);

/** Connects and logs in (imapflow, loaded on first use); an authentication refusal is an ImapAuthFailure. */
export async function connectImap(server: ImapServer, auth: ImapAuth): Promise<ImapClient> {
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth:
      "accessToken" in auth ? { user: auth.user, accessToken: auth.accessToken } : { user: auth.user, pass: auth.pass },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 300_000,
  });
  client.on("error", () => undefined); // surfaced by the failing command instead
  try {
    await client.connect();
  } catch (e) {
    const err = e as { authenticationFailed?: boolean; responseText?: string; message: string; code?: string };
    if (err.authenticationFailed === true)
      throw new ImapAuthFailure(auth.user, server.url, err.responseText ?? err.message);
    if (err.code !== undefined && CERTIFICATE_ERRORS.has(err.code)) {
      throw new Error(
        `cannot connect to ${server.url}: its TLS certificate is not trusted (${err.code}); for a private CA, set NODE_EXTRA_CA_CERTS to the CA's PEM file`,
      );
    }
    throw new Error(`cannot connect to ${server.url}: ${err.responseText ?? err.code ?? err.message}`);
  }
  return client;
}
