import { describe, expect, it } from "vitest";
import { mapFolder, targetLayout } from "../../../src/migrate/folder-map.js";

const dovecot = targetLayout([
  { path: "INBOX", specialUse: "\\Inbox", delimiter: "/" },
  { path: "Sent Messages", specialUse: "\\Sent", delimiter: "/" },
  { path: "Trash", specialUse: "\\Trash", delimiter: "/" },
  { path: "Spam", specialUse: "\\Junk", delimiter: "/" },
  { path: "Drafts", specialUse: "\\Drafts", delimiter: "/" },
]);
const gmailLike = targetLayout([
  { path: "INBOX", specialUse: undefined, delimiter: "." },
  { path: "[Gmail].Sent Mail", specialUse: "\\Sent", delimiter: "." },
  { path: "[Gmail].Bin", specialUse: "\\Trash", delimiter: "." },
]);
const target = (path: string, layout = dovecot, delimiter = "/", special?: string) => {
  const m = mapFolder(path, layout, delimiter, special);
  return m.skip ? `skip: ${m.reason}` : m.target;
};

describe("mapFolder: WorkMail folders onto the target's tree", () => {
  it("puts the well-known folders on the target's SPECIAL-USE folders whatever they are called", () => {
    expect(target("Sent Items")).toBe("Sent Messages");
    expect(target("Deleted Items")).toBe("Trash");
    expect(target("Junk E-mail")).toBe("Spam");
    expect(target("Drafts")).toBe("Drafts");
    expect(target("Inbox")).toBe("INBOX");
    expect(target("sent items")).toBe("Sent Messages");
  });

  it("nests subfolders under the mapped folder with the target's delimiter", () => {
    expect(target("Sent Items/2024")).toBe("Sent Messages/2024");
    expect(target("Inbox/Projekte Ü/2024")).toBe("INBOX/Projekte Ü/2024");
    expect(target("Sent Items/2024", gmailLike)).toBe("[Gmail].Sent Mail.2024");
    expect(target("Inbox/Projects/Q3", gmailLike)).toBe("INBOX.Projects.Q3");
  });

  it("keeps other folders by name, non-ASCII included, and turns a delimiter inside a name into _", () => {
    expect(target("Archiv/日本語")).toBe("Archiv/日本語");
    expect(target("Clients/v1.2", gmailLike)).toBe("Clients.v1_2");
  });

  it("falls back to WorkMail's name when the target has no folder with that SPECIAL-USE", () => {
    expect(target("Junk E-mail", gmailLike)).toBe("Junk E-mail");
  });

  it("skips calendar items, saying why", () => {
    expect(target("Calendar")).toMatch(/^skip: calendar items have no IMAP equivalent/);
  });

  it("lets an IMAP source's own SPECIAL-USE attribute win over its name", () => {
    expect(target("Gesendet", dovecot, "/", "\\Sent")).toBe("Sent Messages");
    expect(target("Sent Items", dovecot, "/", "")).toBe("Sent Items");
  });
});
