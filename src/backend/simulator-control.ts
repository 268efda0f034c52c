/**
 * The port for controlling the local simulator itself (not a WorkMail operation): its clock,
 * lifecycles, state, and test-only actions such as delivering mail. Served in-process by the
 * LocalBackend, and (issue #3) over the admin HTTP path of `wmctl local serve`.
 * Commands reach it through `ctx.simulator()`; areas add their methods here.
 */
export interface SimulatorControl {
  /** Where the store lives (in-process) or which endpoint serves it. */
  readonly location: string;
  /** The region the simulator answers for. */
  readonly region: string;
  /** The simulator's current time. */
  now(): Promise<Date>;
  /** Moves the simulator clock forward; returns the new time. */
  advance(ms: number): Promise<Date>;
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

export interface SimulatorEndpoint {
  readonly host: string;
  /** `served`: a running `wmctl local serve`; `in-process`: started by this command. */
  readonly source: "served" | "in-process";
}

export interface SimulatorNetwork {
  readonly dns?: SimulatorEndpoint & { readonly port: number };
  readonly autodiscover?: SimulatorEndpoint & { readonly httpPort: number; readonly httpsPort: number };
}
