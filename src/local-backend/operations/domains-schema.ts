import type { SchemaModule } from "../store/database.js";

/**
 * What the domains area keeps beside `mail_domains` (identity schema): the verification tokens the
 * service hands out for a domain (the `_amazonses` TXT token and three DKIM tokens) and the start
 * of its verification window. Created with the domain, or lazily for domains that came with
 * CreateOrganization.
 */
export const domainsSchema: SchemaModule = {
  name: "domains",
  migrations: [
    `
CREATE TABLE mail_domain_verification (
  org_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  ownership_token TEXT NOT NULL,
  dkim_tokens TEXT NOT NULL,
  pending_since INTEGER NOT NULL,
  checked_at INTEGER,
  PRIMARY KEY (org_id, domain)
) WITHOUT ROWID;
`,
  ],
};
