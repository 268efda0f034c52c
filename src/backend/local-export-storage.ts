import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { NotFoundError } from "../errors/cli-error.js";
import type { ExportStorage } from "./export-storage.js";

/** The local simulator's buckets: one folder per bucket under `<store>/s3`. */
export function localExportStorage(s3Root: string): ExportStorage {
  const path = (bucket: string, key: string) => join(s3Root, bucket, ...key.split("/").filter((s) => s !== "" && s !== "." && s !== ".."));
  return {
    kind: "local",
    location: path,
    async size(bucket, key) {
      try {
        const s = await stat(path(bucket, key));
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
