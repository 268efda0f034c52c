import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { PersonalAccessTokenSummary } from "@aws-sdk/client-workmail";
import { fail } from "../errors.js";
import { startPage } from "../pagination.js";
import type { Sim } from "../sim.js";
import { requireEntity } from "./entities.js";
import type { Handlers } from "./handler.js";
import { readIdentityProviderConfig } from "./identity-center.js";
import { requireOrganization } from "./organizations.js";

interface TokenRow {
  rid: number;
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  scopes: string;
  token_hash: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
}

function summary(row: TokenRow): PersonalAccessTokenSummary {
  return {
    PersonalAccessTokenId: row.id,
    UserId: row.user_id,
    Name: row.name,
    Scopes: JSON.parse(row.scopes) as string[],
    DateCreated: new Date(row.created_at),
    ...(row.last_used_at === null ? {} : { DateLastUsed: new Date(row.last_used_at) }),
    ...(row.expires_at === null ? {} : { ExpiresTime: new Date(row.expires_at) }),
  };
}

function findToken(sim: Sim, orgId: string, id: string): TokenRow | undefined {
  return sim.db
    .prepare<[string, string], TokenRow>(
      "SELECT rowid AS rid, * FROM personal_access_tokens WHERE org_id = ? AND id = ?",
    )
    .get(orgId, id);
}

export interface IssuedToken {
  readonly id: string;
  /** The secret itself: shown once, only its SHA-256 is kept. */
  readonly token: string;
  readonly expiresTime: Date | undefined;
}

/**
 * What a mailbox user does in the web app (Settings > Personal access tokens): there is no admin API
 * to create a token, so the simulator offers this as a control action. Tokens can be created only
 * while the organization's identity provider configuration has personal access tokens ACTIVE, by an
 * enabled user; they expire after the configured LifetimeInDays.
 */
export function issuePersonalAccessToken(
  sim: Sim,
  orgId: string,
  userRef: string,
  name: string,
  scopes: readonly string[],
): IssuedToken {
  const org = requireOrganization(sim, orgId);
  const config = readIdentityProviderConfig(sim, org.id);
  if (config === undefined || config.pat_status !== "ACTIVE") {
    throw fail.organizationState(
      `Personal access tokens are not ACTIVE in organization ${org.id}; set them with PutIdentityProviderConfiguration.`,
    );
  }
  const user = requireEntity(sim, org.id, userRef, ["USER"]);
  if (user.state !== "ENABLED")
    throw fail.entityState(
      `The user ${userRef} is ${user.state}; only enabled users can create personal access tokens.`,
    );
  if (name.length < 1 || name.length > 64 || /[\x00-\x1F\x7F<>\\]/.test(name))
    throw fail.invalidParameter(`Invalid token name: ${name}.`);
  if (scopes.length < 1 || scopes.length > 10)
    throw fail.invalidParameter("A personal access token has 1 to 10 scopes.");
  const id = randomUUID();
  const token = `wmpat_${randomBytes(32).toString("base64url")}`;
  const now = sim.now.getTime();
  const expires = config.pat_lifetime_days === null ? null : now + config.pat_lifetime_days * 24 * 60 * 60 * 1000;
  sim.db
    .prepare(
      "INSERT INTO personal_access_tokens (org_id, id, user_id, name, scopes, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      org.id,
      id,
      user.id,
      name,
      JSON.stringify(scopes),
      createHash("sha256").update(token).digest("hex"),
      now,
      expires,
    );
  return { id, token, expiresTime: expires === null ? undefined : new Date(expires) };
}

export const personalAccessTokenHandlers: Handlers = {
  ListPersonalAccessTokens(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    let userId: string | undefined;
    if (input.UserId !== undefined) {
      const user = requireEntity(sim, org.id, input.UserId, ["USER"]);
      if (user.state === "DELETED") throw fail.entityState(`The user ${input.UserId} is deleted.`);
      userId = user.id;
    }
    const pager = startPage("ListPersonalAccessTokens", input, { org: org.id, userId });
    const params: unknown[] = [org.id, Number(pager.after ?? 0)];
    if (userId !== undefined) params.push(userId);
    params.push(pager.limit + 1);
    const rows = sim.db
      .prepare<unknown[], TokenRow>(
        `SELECT rowid AS rid, * FROM personal_access_tokens WHERE org_id = ? AND rowid > ? ${userId === undefined ? "" : "AND user_id = ?"} ORDER BY rowid LIMIT ?`,
      )
      .all(...params);
    const page = pager.finish(rows, (r) => r.rid);
    return {
      PersonalAccessTokenSummaries: page.items.map(summary),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  GetPersonalAccessTokenMetadata(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = findToken(sim, org.id, input.PersonalAccessTokenId);
    if (row === undefined)
      throw fail.resourceNotFound(
        `The personal access token ${input.PersonalAccessTokenId} does not exist in organization ${org.id}.`,
      );
    return summary(row);
  },

  DeletePersonalAccessToken(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db
      .prepare("DELETE FROM personal_access_tokens WHERE org_id = ? AND id = ?")
      .run(org.id, input.PersonalAccessTokenId);
    return {};
  },
};
