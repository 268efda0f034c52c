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
   * Delivers MIME messages (or vCards, kept as contacts) into mailboxes, as the service's inbound
   * path would: message quotas and mailbox quotas apply, groups reach their members. One result
   * per message and mailbox. Unknown recipients fail the whole call (EntityNotFoundException).
   */
  deliver(request: DeliverRequest): Promise<DeliveryResult[]>;
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
