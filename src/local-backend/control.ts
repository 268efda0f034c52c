import type { SimulatorControl } from "../backend/simulator-control.js";
import { advanceClock, simNow } from "./clock.js";
import type { LocalBackend } from "./local-backend.js";
import { deliverMessages } from "./mail/deliver.js";
import { sweepExpiredMailboxes } from "./mail/retention.js";

/** SimulatorControl over an in-process LocalBackend. */
export function localControl(backend: LocalBackend): SimulatorControl {
  return {
    location: backend.paths.root,
    now: async () => simNow(backend.db),
    advance: async (ms) => {
      const now = advanceClock(backend.db, ms);
      // Time-driven effects that no later call might trigger in time: the 30-day mailbox rule.
      backend.tx((sim) => sweepExpiredMailboxes(sim));
      return now;
    },
    deliver: (request) => deliverMessages({ tx: (fn) => backend.tx(fn), paths: backend.paths }, request),
  };
}
