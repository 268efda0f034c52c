import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localExportStorage } from "../../../src/backend/local-export-storage.js";
import { bucketNameProblem, pathInside } from "../../../src/local-backend/s3/bucket-name.js";

describe("bucketNameProblem (S3's naming rules)", () => {
  it("accepts what S3 accepts and says what is wrong with the rest", () => {
    for (const ok of ["abc", "my.bucket-1", "1.2.3", "a".repeat(63), "wmctl-local-exports"])
      expect(bucketNameProblem(ok), ok).toBeUndefined();
    expect(bucketNameProblem("..")).toBe("a bucket name has 3 to 63 characters");
    expect(bucketNameProblem("...")).toBe("a bucket name begins and ends with a letter or a digit");
    expect(bucketNameProblem("a..b")).toBe("a bucket name has no two adjacent periods");
    expect(bucketNameProblem("My-Bucket")).toContain("lowercase");
    expect(bucketNameProblem("10.0.0.1")).toBe("a bucket name is not an IP address");
    expect(bucketNameProblem("xn--abc")).toContain("reserved prefix xn--");
    expect(bucketNameProblem("abc-s3alias")).toContain("reserved suffix -s3alias");
  });
});

describe("pathInside", () => {
  it("joins inside the folder and refuses anything that leaves it", () => {
    expect(pathInside("/s3/b", "k", "x.zip")).toBe("/s3/b/k/x.zip");
    expect(pathInside("/s3/b", "k", "..", "y")).toBe("/s3/b/y");
    expect(pathInside("/s3/b", "..", "c", "x")).toBeUndefined();
    expect(pathInside("/s3/b", "/etc/passwd")).toBeUndefined();
    expect(pathInside("/s3/b", "..")).toBeUndefined();
    expect(pathInside("/s3/b", "..x")).toBe("/s3/b/..x");
  });

  it("confines export verify's reads of the local buckets", async () => {
    const root = mkdtempSync(join(tmpdir(), "wmctl-s3-"));
    const storage = localExportStorage(join(root, "s3"));
    await expect(storage.size("..", "x")).rejects.toThrow('invalid S3 bucket name ".."');
    await expect(storage.read("exports", "../other/x.zip")).rejects.toThrow("leaves the bucket exports");
    expect(await storage.size("exports", "p/x.zip")).toBeUndefined();
  });
});

describe("the served S3's bucket folders", () => {
  it("never reads outside s3/ for a bucket named '..' or 'a..b', path-style or virtual-hosted", async () => {
    const { handleS3 } = await import("../../../src/local-backend/s3/http.js");
    const { writeFileSync, mkdirSync } = await import("node:fs");
    const root = mkdtempSync(join(tmpdir(), "wmctl-s3-"));
    mkdirSync(join(root, "s3", "a..b"), { recursive: true });
    writeFileSync(join(root, "secret.txt"), "outside the buckets");
    writeFileSync(join(root, "s3", "a..b", "k"), "in a folder S3 could not name");
    const store = { root: join(root, "s3"), region: "us-east-1", buckets: () => [] };
    const get = (url: string, host?: string) =>
      handleS3({ method: "GET", url, host, range: undefined, requestId: "r" }, store);
    expect(get("/%2E%2E/secret.txt").status).toBe(404);
    expect(get("/secret.txt", "...localhost").status).toBe(404);
    expect(get("/k", "a..b.localhost").status).toBe(404);
    expect(get("/a..b/k").status).toBe(404);
  });
});
