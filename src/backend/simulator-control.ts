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
}
