import type { SimulatorControl } from "../backend/simulator-control.js";
import { advanceClock, simNow } from "./clock.js";
import type { LocalBackend } from "./local-backend.js";

/** SimulatorControl over an in-process LocalBackend. */
export function localControl(backend: LocalBackend): SimulatorControl {
  return {
    location: backend.paths.root,
    now: async () => simNow(backend.db),
    advance: async (ms) => advanceClock(backend.db, ms),
  };
}
