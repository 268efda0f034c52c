import { open, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";

/** Writes `text` to `path` with mode 0600, through a temporary file renamed into place. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const f = await writeTemp(path, text);
  await rename(f.tmp, f.path);
}

/** Writes `text` (mode 0600) under the temporary name of `path`; nothing is left behind when the write fails. */
export async function writeTemp(path: string, text: string): Promise<{ tmp: string; path: string }> {
  const tmp = join(path, "..", `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fh = await open(tmp, "w", 0o600);
    try {
      await fh.writeFile(text, "utf8");
      await fh.chmod(0o600);
    } finally {
      await fh.close();
    }
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { tmp, path };
}
