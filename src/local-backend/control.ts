import type { SimulatorControl } from "../backend/simulator-control.js";
import { advanceClock, simNow } from "./clock.js";
import type { LocalBackend } from "./local-backend.js";
import { issuePersonalAccessToken } from "./operations/personal-access-tokens.js";

/** SimulatorControl over an in-process LocalBackend. */
export function localControl(backend: LocalBackend): SimulatorControl {
  return {
    location: backend.paths.root,
    now: async () => simNow(backend.db),
    advance: async (ms) => advanceClock(backend.db, ms),
    issuePersonalAccessToken: async (r) => backend.tx((sim) => issuePersonalAccessToken(sim, r.organizationId, r.user, r.name, r.scopes)),
  };
}
