import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import { exportLogKeys, findExportLog, readExportLog, type ExportStorage } from "../backend/export-storage.js";

type VerifyStatus = "ok" | "mismatch" | "missing";

interface VerifyCheck {
  readonly check: string;
  readonly status: VerifyStatus;
  readonly expected: string | undefined;
  readonly found: string | undefined;
}

export interface VerifyReport {
  readonly checks: VerifyCheck[];
  readonly ok: boolean;
  readonly zipLocation: string;
  readonly logLocation: string | undefined;
}

/** The guide's log fields; every value a string. */
const LOG_FIELDS = [
  "totalNonExportableItems",
  "totalMessages",
  "sha384Hash",
  "totalBytes",
  "totalFolders",
  "startTime",
  "endTime",
] as const;

interface ZipFacts {
  readonly sha384: string;
  readonly messages: number;
  readonly bytes: number;
  readonly folders: number;
  readonly badEntries: string[];
}

/**
 * Checks an export: the zip's SHA-384 against the log's sha384Hash, and the log's counts
 * (totalMessages, totalBytes, totalFolders) against the zip's entries; every entry is read and its
 * CRC-32 checked, so a damaged zip is caught too. The zip is read where it is (local bucket) or
 * downloaded from S3 to a temporary file first (yauzl needs random access).
 */
export async function verifyExport(storage: ExportStorage, bucket: string, s3Path: string): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const zipLocation = storage.location(bucket, s3Path);
  const size = await storage.size(bucket, s3Path);
  if (size === undefined) {
    checks.push({ check: "zip", status: "missing", expected: zipLocation, found: undefined });
    return { checks, ok: false, zipLocation, logLocation: undefined };
  }

  const logKey = await findExportLog(storage, bucket, s3Path);
  let log: Record<string, unknown> | undefined;
  if (logKey === undefined) {
    checks.push({ check: "log", status: "missing", expected: exportLogKeys(s3Path)[0], found: undefined });
  } else {
    try {
      log = await readExportLog(storage, bucket, logKey);
      const absent = LOG_FIELDS.filter((f) => typeof log?.[f] !== "string");
      checks.push(
        absent.length === 0
          ? { check: "log", status: "ok", expected: undefined, found: storage.location(bucket, logKey) }
          : {
              check: "log",
              status: "mismatch",
              expected: LOG_FIELDS.join(","),
              found: `missing or not strings: ${absent.join(",")}`,
            },
      );
    } catch (e) {
      checks.push({ check: "log", status: "mismatch", expected: "JSON", found: (e as Error).message });
    }
  }

  let temp: string | undefined;
  try {
    let path = zipLocation;
    if (storage.kind !== "local") {
      temp = await mkdtemp(join(tmpdir(), "wmctl-verify-"));
      path = join(temp, "export.zip");
      await pipeline(await storage.read(bucket, s3Path), createWriteStream(path));
    }
    const facts = await inspectZip(path);
    checks.push({
      check: "zip",
      status: "ok",
      expected: undefined,
      found: `${size} bytes, ${facts.messages} messages in ${facts.folders} folders`,
    });
    checks.push(
      facts.badEntries.length === 0
        ? { check: "entries", status: "ok", expected: undefined, found: "every entry's CRC-32 matches" }
        : {
            check: "entries",
            status: "mismatch",
            expected: "intact entries",
            found: `damaged: ${facts.badEntries.slice(0, 5).join(", ")}${facts.badEntries.length > 5 ? " ..." : ""}`,
          },
    );
    if (log !== undefined) {
      const compare = (check: string, expected: unknown, found: string) =>
        checks.push({
          check,
          status: String(expected) === found ? "ok" : "mismatch",
          expected: expected === undefined ? undefined : String(expected),
          found,
        });
      compare("sha384Hash", log.sha384Hash, facts.sha384);
      compare("totalMessages", log.totalMessages, String(facts.messages));
      compare("totalBytes", log.totalBytes, String(facts.bytes));
      compare("totalFolders", log.totalFolders, String(facts.folders));
    }
  } catch (e) {
    checks.push({ check: "zip", status: "mismatch", expected: "a readable zip", found: (e as Error).message });
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  }
  return {
    checks,
    ok: checks.every((c) => c.status === "ok"),
    zipLocation,
    logLocation: logKey === undefined ? undefined : storage.location(bucket, logKey),
  };
}

async function inspectZip(path: string): Promise<ZipFacts> {
  const hash = createHash("sha384");
  const { createReadStream } = await import("node:fs");
  // biome-ignore lint/correctness/useYield: a sink: it hashes the stream and yields nothing
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) hash.update(chunk);
  });
  const sha384 = hash.digest("hex");

  const yauzl = await import("yauzl");
  const zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true });
  let messages = 0;
  let bytes = 0;
  let folders = 0;
  const badEntries: string[] = [];
  try {
    for await (const entry of (zip as unknown as { eachEntry(): AsyncIterable<import("yauzl").Entry> }).eachEntry()) {
      if (entry.fileName.endsWith("/")) {
        folders++;
        continue;
      }
      messages++;
      bytes += entry.uncompressedSize;
      let crc = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) crc = crc32(chunk, crc);
        if (crc >>> 0 !== entry.crc32 >>> 0) badEntries.push(entry.fileName);
      } catch {
        badEntries.push(entry.fileName);
      }
    }
  } finally {
    zip.close();
  }
  return { sha384, messages, bytes, folders, badEntries };
}
