import type { SnapshotInfo } from "../../backend/simulator-control.js";
import type { OutputSpec } from "../../output/format.js";

const SNAPSHOT_FIELDS = ["name", "createdAt", "simulatorTime", "bytes"] as const;
export const snapshotOutput: OutputSpec = { fields: SNAPSHOT_FIELDS, columns: SNAPSHOT_FIELDS };
export const snapshotListOutput: OutputSpec = { ...snapshotOutput, list: true };

export function snapshotView(s: SnapshotInfo) {
  return { name: s.name, createdAt: s.createdAt, simulatorTime: s.simulatorTime, bytes: s.bytes };
}
