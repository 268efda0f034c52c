import type { Entry, ZipFile } from "yauzl";
import type { MailSource, SourceFolder, SourceMessage } from "./source.js";

/**
 * A mailbox export zip (what `export all` writes: a directory entry per folder and one MIME file
 * per message, `<folder path>/<n>.eml`), read with yauzl: the central directory once, then each
 * message's bytes when a copier asks for them. The entry's modification time is the message's
 * delivery time, kept as the IMAP internal date. Exports do not say whether a message was read.
 */
export async function openZipSource(path: string): Promise<MailSource> {
  const yauzl = await import("yauzl");
  const zip: ZipFile = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, autoClose: false });
  const folders = new Map<string, Entry[]>();
  for await (const entry of (zip as unknown as { eachEntry(): AsyncIterable<Entry> }).eachEntry()) {
    const name = entry.fileName;
    if (name.endsWith("/")) {
      const f = name.slice(0, -1);
      if (!folders.has(f)) folders.set(f, []);
      continue;
    }
    const slash = name.lastIndexOf("/");
    // A message outside any folder (not something WorkMail writes) lands in the Inbox rather than nowhere.
    const folder = slash < 0 ? "Inbox" : name.slice(0, slash);
    let list = folders.get(folder);
    if (list === undefined) folders.set(folder, (list = []));
    list.push(entry);
  }
  return {
    describe: `export zip ${path}`,
    async folders(): Promise<SourceFolder[]> {
      return [...folders.keys()]
        .filter((f) => f !== "")
        .sort()
        .map((p) => ({ path: p, delimiter: "/", specialUse: undefined }));
    },
    async messages(folder: string): Promise<SourceMessage[]> {
      return (folders.get(folder) ?? []).map((entry) => ({
        folder,
        ref: entry.fileName,
        async read() {
          const chunks: Buffer[] = [];
          for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
          return { raw: Buffer.concat(chunks), internalDate: entry.getLastModDate(), seen: undefined };
        },
      }));
    },
    async close() {
      zip.close();
    },
  };
}
