import type { SchemaModule } from "../store/database.js";

/**
 * Mailbox export jobs and the simulated S3 buckets they write to (`paths.s3/<bucket>/<key>`).
 * Simulator times (`started_at`, `due_at`, `ended_at`) are epoch milliseconds of simulator time;
 * `lease_until` is wall-clock time (the process writing a job's zip holds the lease).
 */
export const exportSchema: SchemaModule = {
  name: "export",
  migrations: [
    `
CREATE TABLE export_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  description TEXT,
  role_arn TEXT NOT NULL,
  kms_key_arn TEXT NOT NULL,
  bucket TEXT NOT NULL,
  prefix TEXT NOT NULL,
  s3_path TEXT NOT NULL,
  client_token TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  started_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  ended_at INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  error_info TEXT,
  estimated_bytes INTEGER NOT NULL,
  work_bytes INTEGER NOT NULL DEFAULT 0,
  lease_id TEXT,
  lease_until INTEGER,
  cancel_client_token TEXT,
  log TEXT
);
CREATE UNIQUE INDEX export_jobs_id ON export_jobs (org_id, id);
CREATE UNIQUE INDEX export_jobs_client_token ON export_jobs (org_id, client_token);
CREATE INDEX export_jobs_entity ON export_jobs (org_id, entity_id, started_at);
CREATE INDEX export_jobs_state ON export_jobs (org_id, state, due_at);

CREATE TABLE s3_buckets (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  public_access INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
`,
  ],
};
