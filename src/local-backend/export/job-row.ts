import type { MailboxExportJobState } from "@aws-sdk/client-workmail";

/** A row of the export_jobs table, as the operations (operations/export-jobs.ts) and the job runner (run-jobs.ts) read it. */
export interface ExportJobRow {
  seq: number;
  org_id: string;
  id: string;
  entity_id: string;
  description: string | null;
  role_arn: string;
  kms_key_arn: string;
  bucket: string;
  prefix: string;
  s3_path: string;
  client_token: string;
  request_hash: string;
  state: MailboxExportJobState;
  started_at: number;
  due_at: number;
  ended_at: number | null;
  progress: number;
  error_info: string | null;
  estimated_bytes: number;
  work_bytes: number;
  lease_id: string | null;
  lease_until: number | null;
  cancel_client_token: string | null;
  log: string | null;
}
