/**
 * The mailbox map `migrate plan` writes and `migrate mail` reads (mailbox-map.csv): one row per
 * WorkMail mailbox, its primary address and the login on the target. `migrate mail` may also
 * accept an optional third `password` column, which `migrate plan` never writes.
 */
export const MAILBOX_MAP_FILE = "mailbox-map.csv";
export const MAILBOX_MAP_COLUMNS = ["mailbox", "target_login"] as const;
