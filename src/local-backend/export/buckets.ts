import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fail } from "../errors.js";
import { bucketNameProblem, pathInside } from "../s3/bucket-name.js";
import type { Sim, StorePaths } from "../sim.js";

export interface BucketRow {
  name: string;
  region: string;
  public_access: number;
  created_at: number;
}

/**
 * The simulator's S3 buckets. A bucket an export job names springs into existence in the
 * simulator's region, private (on the local backend nothing needs provisioning); tests and
 * rehearsals register buckets in another region, or with public access, to see the service's
 * answers.
 */
export function registerBucket(sim: Sim, bucket: { name: string; region?: string; publicAccess?: boolean }): BucketRow {
  checkBucketName(bucket.name);
  sim.db
    .prepare(
      `INSERT INTO s3_buckets (name, region, public_access, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET region = excluded.region, public_access = excluded.public_access`,
    )
    .run(bucket.name, bucket.region ?? sim.region, bucket.publicAccess === true ? 1 : 0, sim.now.getTime());
  return getBucket(sim, bucket.name) as BucketRow;
}

export function getBucket(sim: Sim, name: string): BucketRow | undefined {
  return sim.db.prepare<[string], BucketRow>("SELECT * FROM s3_buckets WHERE name = ?").get(name);
}

/** The bucket an export job writes to, created in the simulator's region when unknown. */
export function bucketForExport(sim: Sim, name: string): BucketRow {
  checkBucketName(name);
  return getBucket(sim, name) ?? registerBucket(sim, { name });
}

/** S3's naming rules, so that no name (`..` above all) can point a bucket folder outside `s3/`. */
function checkBucketName(name: string): void {
  const problem = bucketNameProblem(name);
  if (problem !== undefined)
    throw fail.invalidParameter(`The S3 bucket name ${JSON.stringify(name)} is invalid: ${problem}.`);
}

/**
 * An object key as a path under the bucket's folder. S3 keys may hold `.` and `..` segments;
 * a folder cannot, so the simulator refuses them (InvalidParameterException) instead of writing
 * outside the bucket.
 */
export function objectPath(paths: StorePaths, bucket: string, key: string): string {
  const segments = key.split("/").filter((s) => s !== "");
  if (segments.length === 0 || segments.some((s) => s === "." || s === "..")) {
    throw fail.invalidParameter(
      `The S3 key ${key} cannot be stored by the local simulator (empty, "." or ".." segments).`,
    );
  }
  checkBucketName(bucket);
  const path = pathInside(join(paths.s3, bucket), ...segments);
  if (path === undefined)
    throw fail.invalidParameter(`The S3 key ${key} of bucket ${bucket} leaves the bucket's folder.`);
  return path;
}

/** `exports/` + job -> `exports/<job>.zip` (a trailing slash of the prefix is not doubled). */
export function exportKeys(prefix: string, jobId: string): { zip: string; log: string } {
  const base = prefix.endsWith("/") ? `${prefix}${jobId}` : `${prefix}/${jobId}`;
  return { zip: `${base}.zip`, log: `${base}.log.json` };
}

/**
 * Removes the half-written zip and log of a job's earlier writers (`<key>.partial-<lease>`), all but
 * the current lease's: a writer that was killed leaves them, and its job is then taken over by
 * another writer or cancelled. Called once the job's lease is known to be dead or the job's own.
 */
export function removeStalePartials(
  paths: StorePaths,
  bucket: string,
  prefix: string,
  jobId: string,
  currentLease?: string,
): void {
  const keys = exportKeys(prefix, jobId);
  const zip = objectPath(paths, bucket, keys.zip);
  const log = objectPath(paths, bucket, keys.log);
  let names: string[];
  try {
    names = readdirSync(dirname(zip));
  } catch {
    return;
  }
  for (const name of names) {
    for (const file of [zip, log]) {
      const stem = `${basename(file)}.partial-`;
      if (name.startsWith(stem) && name !== `${stem}${currentLease ?? ""}`)
        rmSync(join(dirname(file), name), { force: true });
    }
  }
}
