import { readFile } from "node:fs/promises";

/** wmctl's version (package.json), recorded in every inventory. */
export async function wmctlVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "unknown";
}
