/**
 * The port for controlling the local simulator itself (not a WorkMail operation): its clock,
 * lifecycles, state, and test-only actions such as delivering mail. Served in-process by the
 * LocalBackend, and (issue #3) over the admin HTTP path of `wmctl local serve`.
 * Commands reach it through `ctx.simulator()`; areas add their methods here.
 */
export interface SimulatorControl {
  /** Where the store lives (in-process) or which endpoint serves it. */
  readonly location: string;
  /** The simulator's current time. */
  now(): Promise<Date>;
  /** Moves the simulator clock forward; returns the new time. */
  advance(ms: number): Promise<Date>;
  /**
   * Creates a personal access token as a mailbox user would in the web app (there is no admin API
   * for it). Optional: a remote simulator endpoint may not offer it.
   */
  issuePersonalAccessToken?(request: IssueTokenRequest): Promise<IssuedToken>;
}

export interface IssueTokenRequest {
  readonly organizationId: string;
  /** User id, email or name. */
  readonly user: string;
  readonly name: string;
  readonly scopes: readonly string[];
}

export interface IssuedToken {
  readonly id: string;
  /** The secret: show it once, never log it. */
  readonly token: string;
  readonly expiresTime: Date | undefined;
}
