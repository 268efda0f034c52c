import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { NotFoundError, UsageError } from "../errors/cli-error.js";
import { bucketNameProblem, pathInside } from "../local-backend/s3/bucket-name.js";
import type { ExportStorage } from "./export-storage.js";

/** The local simulator's buckets: one folder per bucket under `<store>/s3`. */
export function localExportStorage(s3Root: string): ExportStorage {
  const path = (bucket: string, key: string) => {
    const problem = bucketNameProblem(bucket);
    if (problem !== undefined) throw new UsageError(`invalid S3 bucket name ${JSON.stringify(bucket)}: ${problem}`);
    const file = pathInside(join(s3Root, bucket), ...key.split("/").filter((s) => s !== ""));
    if (file === undefined) throw new UsageError(`the S3 key ${JSON.stringify(key)} leaves the bucket ${bucket}`);
    return file;
  };
  return {
    kind: "local",
    // Display only: a job of an older store whose bucket name is invalid still lists.
    location: (bucket, key) => {
      try {
        return path(bucket, key);
      } catch {
        return `s3://${bucket}/${key}`;
      }
    },
    async size(bucket, key) {
      const p = path(bucket, key);
      try {
        const s = await stat(p);
        return s.isFile() ? s.size : undefined;
      } catch {
        return undefined;
      }
    },
    async read(bucket, key) {
      const p = path(bucket, key);
      try {
        await stat(p);
      } catch {
        throw new NotFoundError(`no object ${key} in the local bucket ${bucket} (${p})`);
      }
      return createReadStream(p, { highWaterMark: 1 << 20 }) as Readable;
    },
  };
}
