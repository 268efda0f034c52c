import type { ServeOptions } from "../backend/simulator-server.js";
import type { LocalBackend } from "./local-backend.js";

/**
 * One network service of a served simulator. `wmctl local serve` starts the WorkMail API listener
 * and then every listener of EXTRA_LISTENERS, in order, and stops them in reverse order; if one
 * fails to start, the ones already started are stopped again.
 */
export interface SimulatorListener {
  readonly name: string;
  /** Starts listening; returns the URL (or host:port) clients use. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export interface ListenerContext {
  readonly backend: LocalBackend;
  readonly options: ServeOptions;
  /** The WorkMail API endpoint (already listening). */
  readonly endpoint: string;
  log(line: string): void;
}

/** Builds a listener, or returns undefined when its options turn it off. */
export type ListenerFactory = (ctx: ListenerContext) => SimulatorListener | undefined;

/**
 * The simulator's other listeners (the DNS server for its hosted zones, AutoDiscover over
 * HTTP/HTTPS ...): append a factory here to have `wmctl local serve` run it.
 */
export const EXTRA_LISTENERS: ListenerFactory[] = [];

export interface StartedListeners {
  readonly started: ReadonlyArray<{ name: string; url: string }>;
  stop(): Promise<void>;
}

export async function startListeners(listeners: readonly SimulatorListener[]): Promise<StartedListeners> {
  const running: { listener: SimulatorListener; url: string }[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const { listener } of running.splice(0).reverse()) {
      try {
        await listener.stop();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  };
  try {
    for (const listener of listeners) running.push({ listener, url: await listener.start() });
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  return { started: running.map((r) => ({ name: r.listener.name, url: r.url })), stop };
}
