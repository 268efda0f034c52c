import { describe, expect, it } from "vitest";
import { localPartFrom } from "../../../src/context/default-email.js";
import { shellQuote } from "../../../src/output/shell-quote.js";

describe("the address wmctl proposes from a name", () => {
  it("lower-cases, turns spaces into hyphens and drops accents and other characters", () => {
    expect(localPartFrom("sales")).toBe("sales");
    expect(localPartFrom("All Staff")).toBe("all-staff");
    expect(localPartFrom("  Équipe  Ventes ")).toBe("equipe-ventes");
    expect(localPartFrom("R&D (lab)")).toBe("rd-lab");
    expect(localPartFrom(".hidden.")).toBe("hidden");
  });

  it("gives up when nothing usable is left", () => {
    expect(localPartFrom("ÆØ")).toBeUndefined();
    expect(localPartFrom("***")).toBeUndefined();
  });
});

describe("names in hints, as typed in a shell", () => {
  it("quotes only when needed", () => {
    expect(shellQuote("sales")).toBe("sales");
    expect(shellQuote("a@b.com")).toBe("a@b.com");
    expect(shellQuote("All Staff")).toBe('"All Staff"');
    expect(shellQuote('say "hi"')).toBe(`'say "hi"'`);
    expect(shellQuote("it's $5")).toBe(`'it'\\''s $5'`);
  });
});
