import type { OutputSpec } from "../../output/format.js";

export const dmarcOutput: OutputSpec = { fields: ["enforced"], columns: ["enforced"] };

/** The console's acknowledgement for turning enforcement on (guide: "Enforcing DMARC policies on incoming email"). */
export const ACKNOWLEDGEMENT =
  "Turn on DMARC enforcement (inbound emails may then be dropped or quarantined, based on the sender's domain configuration)?";
