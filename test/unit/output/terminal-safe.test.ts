import { describe, expect, it } from "vitest";
import { terminalSafe, terminalSafeLines } from "../../../src/output/terminal-safe.js";

describe("terminalSafe", () => {
  it("shows every character a terminal would act on as an escape, and keeps everything else", () => {
    expect(terminalSafe("a\u001b[31mb")).toBe("a\\x1b[31mb");
    expect(terminalSafe("\u0007\u0000\u007f\u009b")).toBe("\\x07\\x00\\x7f\\x9b");
    expect(terminalSafe("x\u202ey\u2066")).toBe("x\\u202ey\\u2066");
    expect(terminalSafe("\u061c\u200e")).toBe("\\u061c\\u200e");
    expect(terminalSafe("tab\there\nnext")).toBe("tab\\x09here\\x0anext");
    expect(terminalSafe("Zoë Müller — 東京 ✓ DOMAIN\\user")).toBe("Zoë Müller — 東京 ✓ DOMAIN\\user");
  });

  it("keeps line breaks and tabs in wmctl's own multi-line messages", () => {
    expect(terminalSafeLines("line 1\n\tline \u001b]0;x\u0007 2")).toBe("line 1\n\tline \\x1b]0;x\\x07 2");
  });
});
