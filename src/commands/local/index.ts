import { defineGroup } from "../../cli/define-command.js";
import { localAdvanceCommand } from "./advance.js";
import { localCoverageCommand } from "./coverage.js";
import { localCredentialsCommand } from "./credentials.js";
import { localFaultsCommand } from "./faults.js";
import { localLifecycleCommand } from "./lifecycle.js";
import { localResetCommand } from "./reset.js";
import { localRestoreCommand } from "./restore.js";
import { localServeCommand } from "./serve.js";
import { localSnapshotCommand } from "./snapshot.js";
import { localSnapshotsCommand } from "./snapshots.js";
import { localStatusCommand } from "./status.js";
import { localIssueTokenCommand } from "./issue-token.js";
import { localDeliverCommand } from "./deliver.js";
import { localCaCommand } from "./ca.js";
import { localVerificationDnsCommand } from "./verification-dns.js";
import { NOUNS } from "../nouns.js";

export const localGroup = defineGroup({
  ...NOUNS.local,
  commands: [
    localServeCommand,
    localCredentialsCommand,
    localStatusCommand,
    localCoverageCommand,
    localAdvanceCommand,
    localLifecycleCommand,
    localFaultsCommand,
    localSnapshotCommand,
    localSnapshotsCommand,
    localRestoreCommand,
    localResetCommand,
    localIssueTokenCommand,
    localDeliverCommand,
    localCaCommand,
    localVerificationDnsCommand,
  ],
});
