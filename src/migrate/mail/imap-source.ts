import { connectImap, type ImapAuth, type ImapClient, type ImapServer } from "../imap-server.js";
import type { MailSource, SourceFolder, SourceMessage } from "./source.js";

/** WorkMail's names for the SPECIAL-USE folders, so an IMAP source maps like an export does. */
const WORKMAIL_NAME: Readonly<Record<string, string>> = {
  "\\Inbox": "Inbox",
  "\\Sent": "Sent Items",
  "\\Trash": "Deleted Items",
  "\\Junk": "Junk E-mail",
  "\\Drafts": "Drafts",
};

/**
 * A mailbox read over IMAP (WorkMail's own IMAP endpoint, or any server): every selectable folder,
 * its messages' flags and internal dates, and each message's bytes fetched with BODY.PEEK[] (the
 * source's \Seen flags are left alone). Folder paths are given with "/" and with the SPECIAL-USE
 * folders under WorkMail's names, so `Sent Messages/2024` on the source lands under the target's
 * \Sent folder as `.../2024`.
 */
export async function openImapSource(server: ImapServer, auth: ImapAuth): Promise<MailSource> {
  const client: ImapClient = await connectImap(server, auth);
  const byPath = new Map<string, string>();
  return {
    describe: `${server.url} as ${auth.user}`,
    async folders(): Promise<SourceFolder[]> {
      const list = await client.list();
      const specials = new Map<string, string>();
      for (const f of list)
        if (f.specialUse && WORKMAIL_NAME[f.specialUse] !== undefined)
          specials.set(f.path, WORKMAIL_NAME[f.specialUse] as string);
      const out: SourceFolder[] = [];
      for (const f of list) {
        if (f.flags.has("\\Noselect") || f.flags.has("\\NonExistent")) continue;
        const d = f.delimiter ?? "/";
        const segments = f.path.split(d);
        let path: string[] = segments.map((s) => s.replaceAll("/", "_"));
        for (let i = segments.length; i > 0; i--) {
          const named = specials.get(segments.slice(0, i).join(d));
          if (named !== undefined) {
            path = [named, ...path.slice(i)];
            break;
          }
        }
        const p = path.join("/");
        byPath.set(p, f.path);
        out.push({ path: p, delimiter: "/", specialUse: undefined });
      }
      return out;
    },
    async messages(folder: string): Promise<SourceMessage[]> {
      const path = byPath.get(folder) ?? folder;
      const lock = await client.getMailboxLock(path, { readOnly: true });
      const found: Array<{ uid: number; seen: boolean; internalDate: Date | undefined }> = [];
      try {
        if (client.mailbox !== false && client.mailbox.exists > 0) {
          for await (const m of client.fetch("1:*", { uid: true, flags: true, internalDate: true })) {
            found.push({
              uid: m.uid,
              seen: m.flags?.has("\\Seen") ?? false,
              internalDate: m.internalDate === undefined ? undefined : new Date(m.internalDate),
            });
          }
        }
      } finally {
        lock.release();
      }
      return found.map((m) => ({
        folder,
        ref: `${path} UID ${m.uid}`,
        async read() {
          const l = await client.getMailboxLock(path, { readOnly: true });
          try {
            const got = await client.fetchOne(String(m.uid), { uid: true, source: true }, { uid: true });
            if (got === false || got.source === undefined)
              throw new Error(`${path} UID ${m.uid} is gone from the source`);
            return { raw: got.source, internalDate: m.internalDate, seen: m.seen };
          } finally {
            l.release();
          }
        },
      }));
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}
