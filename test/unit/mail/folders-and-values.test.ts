import { describe, expect, it } from "vitest";
import { parsePermission, parseQuotaMb } from "../../../src/commands/mailbox/view.js";
import { parseFilter } from "../../../src/export-jobs/targets.js";
import { canonicalFolderPath } from "../../../src/local-backend/mail/folders.js";

describe("folder paths", () => {
  it("keeps WorkMail's spelling of the well-known folders and accepts the API's names", () => {
    expect(canonicalFolderPath("inbox")).toBe("Inbox");
    expect(canonicalFolderPath("SENT_ITEMS")).toBe("Sent Items");
    expect(canonicalFolderPath("junk e-mail")).toBe("Junk E-mail");
    expect(canonicalFolderPath(" inbox / Projekte / 2024 ")).toBe("Inbox/Projekte/2024");
    expect(canonicalFolderPath("Archiv – Ä")).toBe("Archiv – Ä");
  });

  it("refuses what cannot be a folder", () => {
    for (const bad of ["", "a/../b", ".", "x\u0007", "a\\b", Array(20).fill("a").join("/")]) {
      expect(() => canonicalFolderPath(bad), JSON.stringify(bad)).toThrow(/folder/i);
    }
  });
});

describe("command values", () => {
  it("parses permissions in the spellings admins type", () => {
    expect(["full-access", "FULL_ACCESS", "FullAccess", "send as", "send-on-behalf"].map(parsePermission)).toEqual([
      "FULL_ACCESS",
      "FULL_ACCESS",
      "FULL_ACCESS",
      "SEND_AS",
      "SEND_ON_BEHALF",
    ]);
    expect(parsePermission("read")).toBeUndefined();
  });

  it("parses quotas in MB and GB", () => {
    expect(["500", "500MB", "2GB", "2 g", "50GiB"].map(parseQuotaMb)).toEqual([500, 500, 2048, 2048, 51200]);
    expect(parseQuotaMb("1.5MB")).toBeUndefined();
    expect(parseQuotaMb("lots")).toBeUndefined();
  });

  it("parses export filters", () => {
    const f = parseFilter(["type=user", "name=a*", "state=ALL"]);
    expect(f.type).toBe("user");
    expect(f.state).toBe("all");
    expect(f.name?.test("Alice")).toBe(true);
    expect(f.name?.test("bob")).toBe(false);
    expect(() => parseFilter(["state=gone"])).toThrow("invalid --filter state=gone");
    expect(() => parseFilter(["size=1"])).toThrow(/invalid --filter/);
  });
});
