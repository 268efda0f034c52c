// The throwaway Dovecot's configuration, shared by test/helpers/dovecot.ts and bench/migrate-mail.mjs
// (plain ESM so that the benchmark can load it without a build).

/**
 * @param {{ dir: string, port: number, tls?: { port: number }, root: boolean, user: string, group: string, special: { sent: string, trash: string, junk: string, drafts: string } }} o
 * @returns {string}
 */
export function dovecotConfig(o) {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${o.dir}/base
state_dir = ${o.dir}/state
log_path = ${o.dir}/dovecot.log
${o.tls ? `ssl = yes\nssl_cert = <${o.dir}/tls/server.pem\nssl_key = <${o.dir}/tls/server.key\n` : "ssl = no\n"}disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${o.root ? "dovecot" : o.user}
default_internal_group = ${o.root ? "dovecot" : o.group}
default_login_user = ${o.root ? "dovenull" : o.user}
${o.root ? "mail_uid = dovecot\nmail_gid = dovecot\n" : ""}mail_location = maildir:~/Maildir
mail_fsync = optimized
first_valid_uid = 1
first_valid_gid = 1
mail_max_userip_connections = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${o.dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${o.dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.tls ? o.tls.port : 0}
  }
  chroot =
}
service anvil {
  chroot =
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox "${o.special.sent}" {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox ${o.special.trash} {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox ${o.special.junk} {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox ${o.special.drafts} {
    special_use = \\Drafts
    auto = subscribe
  }
}
`;
}
