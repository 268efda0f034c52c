import type { FaultSettings, SimulatorControl } from "./simulator-control.js";

/**
 * The port for serving the simulator (`wmctl local serve`): the WorkMail API over HTTP and any
 * other listener of the simulator (DNS, AutoDiscover ...), started and stopped together. Built
 * lazily by the backend factory (`serveSimulator` in create-backend.ts).
 */
export interface ServeOptions {
  /** The store folder (the same one the in-process backend uses). */
  readonly dataDir: string;
  readonly region: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Check SigV4 signatures against the store's credentials (false: --no-auth). */
  readonly auth: boolean;
  readonly faults: Partial<FaultSettings>;
  /**
   * Web origins (`http://localhost:3000`) allowed to call from a browser (--cors-origin; `*`: any).
   * Without signatures (--no-auth), browser pages are refused unless named here.
   */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Body limits in bytes (defaults: 8 MiB, 128 MiB for `local deliver`, 64 KiB unsigned, 256 MiB in flight). */
  readonly bodyLimits?:
    | {
        readonly body?: number;
        readonly deliverBody?: number;
        readonly unauthenticatedBody?: number;
        readonly buffered?: number;
      }
    | undefined;
  /** Debug lines (one per request). */
  readonly log?: ((line: string) => void) | undefined;
  /** Unexpected failures inside the simulator (a bug): the message and stack. */
  readonly warn?: ((line: string) => void) | undefined;
  /**
   * The simulator's other listeners. Each is started only when its options are given (the
   * command passes them; a library caller that wants only the WorkMail API passes nothing).
   */
  readonly listenerOptions?: ListenerOptions;
}

export interface ListenerOptions {
  /** The DNS server for the hosted zones: UDP and TCP on one port (0: a free one); false: off. */
  readonly dns?: { readonly port: number } | false;
  /** AutoDiscover: plain HTTP (the phase-3 redirect) and HTTPS with the local CA (0: free ports); false: off. */
  readonly autodiscover?: { readonly httpPort: number; readonly httpsPort: number } | false;
}

export interface ListenerInfo {
  readonly name: string;
  readonly url: string;
}

export interface RunningSimulator {
  /** The WorkMail API endpoint: `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly region: string;
  readonly auth: boolean;
  readonly store: string;
  /** Every listener started, the WorkMail API first. */
  readonly listeners: readonly ListenerInfo[];
  /** The same control the admin path serves. */
  readonly control: SimulatorControl;
  /** Stops every listener (in reverse order) and closes the store. */
  stop(): Promise<void>;
}

/** `http://App.test:3000/` -> `http://app.test:3000` (`*` stays); undefined when it is not an http(s) origin. */
export function normalizeOrigin(origin: string): string | undefined {
  if (origin === "*") return "*";
  try {
    const u = new URL(origin);
    if (
      (u.protocol !== "http:" && u.protocol !== "https:") ||
      u.pathname !== "/" ||
      u.search !== "" ||
      u.hash !== "" ||
      u.username !== ""
    )
      return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}
