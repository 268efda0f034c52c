import { describe, expect, it } from "vitest";
import { parseMapFile } from "../../../src/migrate/map-file.js";

const parse = (text: string, mode = 0o100600) => parseMapFile(text, "map.csv", mode);

describe("parseMapFile", () => {
  it("reads mailbox,target_login rows (csv-parse: quotes, BOM, blank lines, header spelling)", async () => {
    expect(
      await parse('\ufeffMailbox,Target Login\nalice@acme.com,alice@new.example\n\n"bob, jr@acme.com","b@new"\n'),
    ).toEqual([
      {
        mailbox: "alice@acme.com",
        targetLogin: "alice@new.example",
        password: undefined,
        sourcePassword: undefined,
        sourceLogin: undefined,
      },
      {
        mailbox: "bob, jr@acme.com",
        targetLogin: "b@new",
        password: undefined,
        sourcePassword: undefined,
        sourceLogin: undefined,
      },
    ]);
  });

  it("accepts a password column only from a file other users cannot read", async () => {
    expect((await parse("mailbox,target_login,password\na,b,s3cret\n", 0o100600))[0]?.password).toBe("s3cret");
    expect((await parse("mailbox,target_login,password\na,b,s3cret\n", 0o100400))[0]?.password).toBe("s3cret");
    await expect(parse("mailbox,target_login,password\na,b,s3cret\n", 0o100644)).rejects.toMatchObject({
      exitCode: 2,
      hint: "chmod 600 map.csv",
    });
    await expect(parse("mailbox,target_login,source_password\na,b,s3cret\n", 0o100640)).rejects.toMatchObject({
      exitCode: 2,
    });
    // Without secrets any mode is fine.
    expect(await parse("mailbox,target_login\na,b\n", 0o100644)).toHaveLength(1);
  });

  it("refuses a missing header, unknown columns, empty cells and duplicate mailboxes, naming the line", async () => {
    await expect(parse("email,login\na,b\n")).rejects.toThrow(/mailbox,target_login/);
    await expect(parse("mailbox,target_login,pasword\na,b,c\n")).rejects.toThrow(/unknown column pasword/);
    await expect(parse("mailbox,target_login\na,\n")).rejects.toThrow(/line 2/);
    await expect(parse("mailbox,target_login\nA@x,b\na@x,c\n")).rejects.toThrow(
      /line 3: a@x is already mapped on line 2/,
    );
    await expect(parse('mailbox,target_login\n"a,b\n')).rejects.toMatchObject({ exitCode: 2 });
  });
});
