import type { Readable } from "node:stream";
import { NotFoundError } from "../errors/cli-error.js";
import type { ExportStorage } from "./export-storage.js";

export interface AwsClientOptions {
  readonly region: string | undefined;
  readonly awsProfile: string | undefined;
  readonly maxAttempts: number | undefined;
  /** Another S3 endpoint (a served simulator's): addressed path-style. */
  readonly endpoint?: string | undefined;
}

/** Amazon S3 through @aws-sdk/client-s3, imported on first use. */
export function s3ExportStorage(options: AwsClientOptions): ExportStorage {
  let client: Promise<{ send: (c: unknown) => Promise<unknown>; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const s3 = () =>
    (client ??= (async () => {
      const sdk = await import("@aws-sdk/client-s3");
      const c = new sdk.S3Client({
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.awsProfile === undefined ? {} : { profile: options.awsProfile }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint, forcePathStyle: true }),
        retryMode: "adaptive",
      });
      return { send: (cmd: unknown) => c.send(cmd as never), sdk };
    })());
  const missing = (e: unknown) => {
    const name = (e as { name?: string }).name;
    return name === "NoSuchKey" || name === "NotFound" || name === "NoSuchBucket";
  };
  return {
    kind: "s3",
    location: (bucket, key) => `s3://${bucket}/${key}`,
    async size(bucket, key) {
      const { send, sdk } = await s3();
      try {
        const head = (await send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }))) as {
          ContentLength?: number;
        };
        return head.ContentLength ?? 0;
      } catch (e) {
        if (missing(e)) return undefined;
        throw e;
      }
    },
    async read(bucket, key) {
      const { send, sdk } = await s3();
      try {
        const out = (await send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }))) as { Body?: unknown };
        return out.Body as Readable;
      } catch (e) {
        if (missing(e)) throw new NotFoundError(`no object s3://${bucket}/${key}`);
        throw e;
      }
    },
  };
}
