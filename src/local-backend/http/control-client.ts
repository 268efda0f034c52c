import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { SIGNATURE_FAILURES, SIGNATURE_HINT, type SimulatorControl } from "../../backend/simulator-control.js";
import { decodeControl, encodeControl } from "./control-codec.js";
import { signRequest, type SigV4Credentials } from "./sigv4.js";

interface ControlSigner {
  readonly credentials: SigV4Credentials;
  readonly region: string;
}

/** How the client signs: credentials and region, or the reason there are none (sent unsigned). */
export type SignerSource = () => Promise<ControlSigner | { unavailable: Error }>;

/** An error answered by the simulator's admin path; `$fault` makes the CLI show its name and exit code. */
class RemoteControlError extends Error {
  readonly $fault: "client" | "server";
  /** What to do about a refused signature (shown by the CLI). */
  readonly hint: string | undefined;
  constructor(
    name: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = name;
    this.$fault = httpStatus >= 500 ? "server" : "client";
    this.hint = (SIGNATURE_FAILURES as readonly string[]).includes(name) ? SIGNATURE_HINT : undefined;
  }
}

/** The endpoint could not be reached, or answered but not as a wmctl simulator does. */
class NotASimulatorError extends Error {
  override readonly name = "NotASimulatorError";
}

/**
 * SimulatorControl over the admin path of a served simulator (`POST /_wmctl/control/<method>`),
 * signed with SigV4 like WorkMail requests. Every method of the port is carried generically, so
 * methods other areas add to SimulatorControl work here without more code.
 */
export function httpSimulatorControl(endpoint: string, signer: SignerSource): SimulatorControl {
  const base = new URL(endpoint.endsWith("/") ? endpoint : `${endpoint}/`);
  let signing: Promise<ControlSigner | { unavailable: Error }> | undefined;

  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    const url = new URL(`_wmctl/control/${method}`, base);
    const body = Buffer.from(encodeControl({ args }), "utf8");
    const headers: Record<string, string> = { host: url.host, "content-type": "application/json" };
    const s = await (signing ??= signer());
    if ("credentials" in s)
      Object.assign(
        headers,
        signRequest({ method: "POST", url: url.pathname + url.search, headers, body }, s.credentials, {
          region: s.region,
          service: "workmail",
        }),
      );
    let res: { status: number; text: string };
    try {
      res = await post(url, headers, body);
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
      const why = err.code ?? err.errors?.[0]?.code ?? err.message;
      throw new NotASimulatorError(
        `cannot reach the simulator at ${endpoint}: ${why} (is \`wmctl local serve\` running there?)`,
      );
    }
    const notASimulator = (answer: string) =>
      new NotASimulatorError(
        `${endpoint} answered ${answer}: it does not look like a wmctl simulator (\`wmctl local serve\`)`,
      );
    const text = res.text;
    let parsed: unknown;
    try {
      parsed = decodeControl(text);
    } catch {
      throw notASimulator(`HTTP ${res.status} without JSON`);
    }
    if (res.status < 200 || res.status > 299) {
      const p = parsed as { __type?: string; message?: string; Message?: string };
      if (p.__type === "MissingAuthenticationTokenException" && "unavailable" in s) throw s.unavailable;
      if (p.__type === undefined || p.__type.endsWith("UnknownOperationException"))
        throw notASimulator(`HTTP ${res.status}${p.__type === undefined ? "" : ` ${p.__type}`}`);
      throw new RemoteControlError(p.__type, (p.message ?? p.Message ?? "").split("\n")[0] ?? "", res.status);
    }
    return (parsed as { result?: unknown }).result ?? undefined;
  };

  return new Proxy({} as SimulatorControl, {
    get(_target, prop) {
      if (prop === "location") return endpoint;
      // Not a thenable: an async function may return this object.
      if (typeof prop !== "string" || prop === "then" || prop === "toJSON") return undefined;
      return (...args: unknown[]) => call(prop, args);
    },
  });
}

function post(url: URL, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "POST", headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
