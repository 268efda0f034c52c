/**
 * The port for controlling the local simulator itself (not a WorkMail operation): its clock,
 * lifecycles, state, faults, and test-only actions such as delivering mail. Served in-process by
 * the LocalBackend, and over the admin HTTP path (`/_wmctl/...`) of `wmctl local serve`, so
 * `wmctl local advance 25h --endpoint-url http://127.0.0.1:PORT` works against a served simulator.
 * Commands reach it through `ctx.simulator()`; areas add their methods here.
 *
 * Over HTTP every method is carried generically (arguments and results as JSON, Dates kept), so a
 * method added here and to the in-process control (src/local-backend/control.ts) works against a
 * served simulator without more code, as long as its arguments and result are plain data.
 */
export interface SimulatorControl {
  /** Where the store lives (in-process) or which endpoint serves it. */
  readonly location: string;
  /** The simulator's current time. */
  now(): Promise<Date>;
  /** Moves the simulator clock forward; returns the new time. */
  advance(ms: number): Promise<Date>;
  /** The store, clock, lifecycles, and (served) endpoint, auth, faults and request counts. */
  status(): Promise<SimulatorStatus>;
  /** Erases every organization and everything in them; keeps the store's credentials. */
  reset(): Promise<void>;
  /** Saves the whole state under a name (default: a timestamp). */
  snapshot(name?: string): Promise<SnapshotInfo>;
  snapshots(): Promise<SnapshotInfo[]>;
  /** Replaces the whole state with a snapshot's (the store keeps its credentials). */
  restore(name: string): Promise<SnapshotInfo>;
  /** Lifecycle delays in seconds of simulator time (0 = immediate, the default). */
  lifecycle(): Promise<Record<string, number>>;
  /** Changes some delays; `null` puts one back to its default. Unknown names are refused. */
  setLifecycle(patch: Record<string, number | null>): Promise<Record<string, number>>;
  /** Every WorkMail operation of the model, and whether the simulator implements it. */
  coverage(): Promise<OperationCoverage[]>;
  /** The access key a served simulator checks signatures with (the simulator's own, never real). */
  credentials(): Promise<SimulatorCredentialsInfo>;
  /** Fault injection of a served simulator; undefined in-process (nothing to inject into). */
  faults(): Promise<FaultSettings | undefined>;
  /** Changes fault injection at run time; fails in-process. */
  setFaults(patch: Partial<FaultSettings>): Promise<FaultSettings>;
  /**
   * Creates a personal access token as a mailbox user would in the web app (there is no admin API
   * for it).
   */
  issuePersonalAccessToken(request: IssueTokenRequest): Promise<IssuedToken>;
  /**
   * Delivers MIME messages (or vCards, kept as contacts) into mailboxes, as the service's inbound
   * path would: message quotas and mailbox quotas apply, groups reach their members. One result
   * per message and mailbox. Unknown recipients fail the whole call (EntityNotFoundException).
   */
  deliver(request: DeliverRequest): Promise<DeliveryResult[]>;
  /** The simulator's CA certificate (PEM): its HTTPS endpoints (AutoDiscover) chain to it. */
  caCertificate(): Promise<string>;
  /**
   * The simulator's DNS and AutoDiscover endpoints: those of a running `wmctl local serve` when
   * there is one, otherwise servers started in this process for as long as the backend is open.
   */
  network(needs: { dns?: boolean; autodiscover?: boolean }): Promise<SimulatorNetwork>;
  /** Where the simulator looks when it verifies a domain: [] = its own zones (the default). */
  verificationResolvers(): Promise<string[]>;
  setVerificationResolvers(servers: readonly string[]): Promise<string[]>;
}

export interface SimulatorStatus {
  /** The store folder, as the simulator sees it. */
  readonly store: string;
  readonly region: string;
  readonly accountId: string;
  readonly now: Date;
  readonly clockOffsetMs: number;
  readonly lifecycle: Record<string, number>;
  /** Rows per table of the store. */
  readonly tables: Record<string, number>;
  /** Schema module -> version. */
  readonly schema: Record<string, number>;
  readonly implemented: number;
  readonly operations: number;
  readonly snapshots: number;
  /** The endpoint of a live `wmctl local serve` on this store, if any. */
  readonly servedAt: string | undefined;
  /** The endpoints of live `wmctl local serve` listeners on this store (WorkMail, DNS, AutoDiscover ...). */
  readonly listeners?: ReadonlyArray<{ name: string; url: string }>;
  /** Present when the status comes from a served simulator. */
  readonly server?: ServerStatus;
}

interface ServerStatus {
  readonly endpoint: string;
  readonly auth: boolean;
  readonly startedAt: Date;
  readonly faults: FaultSettings;
  readonly requests: RequestCounts;
  /** Every listener the server runs (WorkMail API, DNS, AutoDiscover ...). */
  readonly listeners: ReadonlyArray<{ name: string; url: string }>;
}

export interface RequestCounts {
  /** WorkMail API requests received. */
  total: number;
  /** Answered with an error (any cause). */
  errors: number;
  /** Refused by the --throttle rate. */
  throttled: number;
  /** Failed on purpose by --error-rate. */
  injectedFailures: number;
  /** Refused by the signature check. */
  unauthenticated: number;
}

export interface FaultSettings {
  /** Requests per second before ThrottlingException; null: no limit. */
  readonly throttleTps: number | null;
  /** Share of requests answered 500 InternalFailure, 0..1. */
  readonly errorRate: number;
  /** Added to every WorkMail API request, in milliseconds. */
  readonly latencyMs: number;
}

export const NO_FAULTS: FaultSettings = { throttleTps: null, errorRate: 0, latencyMs: 0 };

/** The signature failures a served simulator answers when a client signs with other keys than its own. */
export const SIGNATURE_FAILURES = [
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
] as const;

/** What to do about one of them, with --endpoint-url. */
export const SIGNATURE_HINT =
  'a wmctl local serve endpoint takes its own keys: eval "$(wmctl local credentials)" on its store';

export interface SnapshotInfo {
  readonly name: string;
  readonly createdAt: Date;
  /** The simulator's clock when the snapshot was taken. */
  readonly simulatorTime: Date;
  readonly bytes: number;
}

export interface OperationCoverage {
  readonly operation: string;
  readonly implemented: boolean;
  readonly paginated: boolean;
}

export interface SimulatorCredentialsInfo {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  /** The endpoint of a live `wmctl local serve` on this store, if any. */
  readonly endpoint: string | undefined;
}

interface IssueTokenRequest {
  readonly organizationId: string;
  /** User id, email or name. */
  readonly user: string;
  readonly name: string;
  readonly scopes: readonly string[];
}

interface IssuedToken {
  readonly id: string;
  /** The secret: show it once, never log it. */
  readonly token: string;
  readonly expiresTime: Date | undefined;
}

export interface DeliverRequest {
  readonly organizationId: string;
  /** Email addresses (or names, or ids) of users, resources or groups. */
  readonly to: readonly string[];
  /** Folder path (`Inbox`, `Sent Items`, `Inbox/Projects`); default Inbox (Calendar for invitations, Contacts for vCards). */
  readonly folder?: string;
  /** The raw bytes of each message, stored unchanged; `name` identifies it in the results (a file name). */
  readonly messages: ReadonlyArray<{ readonly name: string; readonly raw: Uint8Array }>;
}

export interface DeliveryResult {
  /** The message, as named in the request. */
  readonly name: string;
  /** The recipient as named in the request (a group's address for its members). */
  readonly recipient: string;
  /** The mailbox owner's name. */
  readonly mailbox: string;
  readonly status: "DELIVERED" | "REJECTED";
  readonly folder?: string | undefined;
  /** Why it was refused: MESSAGE_TOO_LARGE, TOO_MANY_ATTACHMENTS, TOO_MANY_RECIPIENTS, NOT_MIME, MAILBOX_FULL, MAILBOX_UNAVAILABLE. */
  readonly code?: string | undefined;
  readonly reason?: string | undefined;
  readonly size: number;
  readonly kind?: "message" | "calendar" | "contact";
  readonly subject?: string;
  readonly messageId?: string;
  readonly attachments?: number;
}

interface SimulatorEndpoint {
  readonly host: string;
  /** `served`: a running `wmctl local serve`; `in-process`: started by this command. */
  readonly source: "served" | "in-process";
}

export interface SimulatorNetwork {
  readonly dns?: SimulatorEndpoint & { readonly port: number };
  readonly autodiscover?: SimulatorEndpoint & { readonly httpPort: number; readonly httpsPort: number };
}
