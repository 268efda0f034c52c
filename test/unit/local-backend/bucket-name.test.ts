import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localExportStorage } from "../../../src/backend/local-export-storage.js";
import { bucketNameProblem, pathInside } from "../../../src/local-backend/s3/bucket-name.js";

describe("bucketNameProblem (S3's naming rules)", () => {
  it("accepts what S3 accepts and says what is wrong with the rest", () => {
    for (const ok of ["abc", "my.bucket-1", "1.2.3", "a".repeat(63), "wmctl-local-exports"]) expect(bucketNameProblem(ok), ok).toBeUndefined();
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
