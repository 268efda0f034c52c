import { join } from "node:path";
import type { Db } from "./store/database.js";
import { getMeta } from "./store/meta.js";

/** Delays of the simulator's lifecycles, in seconds of simulator time (0 = immediate). */
export interface LifecycleSettings {
  /** Organization Creating -> Active. */
  organizationCreateSeconds: number;
  /** Organization Deleting -> Deleted. */
  organizationDeleteSeconds: number;
  /** Mailbox export job RUNNING -> COMPLETED: a fixed part, plus the size part below. */
  exportJobSeconds: number;
  /** Mailbox export throughput of the simulated service, in MB of mailbox per second (0: no size part). */
  exportMegabytesPerSecond: number;
  /** Route 53 change PENDING -> INSYNC (local hosted zones). */
  route53ChangeSeconds: number;
  /**
   * How long a new mail domain's ownership and DKIM records may stay unresolved before its
   * statuses turn FAILED (the guide: "Allow up to 72 hours"). A window, not a delay: a record that
   * resolves earlier verifies at once.
   */
  domainVerificationWindowSeconds: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = {
  organizationCreateSeconds: 0,
  organizationDeleteSeconds: 0,
  exportJobSeconds: 0,
  exportMegabytesPerSecond: 0,
  route53ChangeSeconds: 0,
  domainVerificationWindowSeconds: 72 * 3600,
};

export const LIFECYCLE_KEY = "lifecycle";

export interface StorePaths {
  /** The folder holding the store. */
  readonly root: string;
  /** The SQLite file. */
  readonly database: string;
  /** Mailbox content (MIME files), one folder per organization and mailbox. */
  readonly mail: string;
  /** Simulated S3 buckets: `s3/<bucket>/<key>`. */
  readonly s3: string;
}

export function storePaths(root: string): StorePaths {
  return { root, database: join(root, "store.db"), mail: join(root, "mail"), s3: join(root, "s3") };
}

/**
 * What an operation of the simulator sees: the store, the region it is served in, the account,
 * and the simulator time, fixed for the whole operation.
 */
export interface Sim {
  readonly db: Db;
  readonly region: string;
  readonly accountId: string;
  readonly paths: StorePaths;
  readonly now: Date;
  readonly lifecycle: LifecycleSettings;
}

export function readLifecycle(db: Db): LifecycleSettings {
  return { ...DEFAULT_LIFECYCLE, ...(getMeta<Partial<LifecycleSettings>>(db, LIFECYCLE_KEY) ?? {}) };
}
