import type { GetPersonalAccessTokenMetadataResponse, PersonalAccessTokenSummary } from "@aws-sdk/client-workmail";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { CommandContext } from "../../context/context.js";
import { entityLabel } from "../../context/entity-labels.js";
import { NotFoundError } from "../../errors/cli-error.js";
import type { OutputSpec } from "../../output/format.js";

export interface TokenView {
  id: string | undefined;
  user: string | undefined;
  userId: string | undefined;
  name: string | undefined;
  scopes: string[] | undefined;
  created: Date | undefined;
  lastUsed: Date | undefined;
  expires: Date | undefined;
}

const TOKEN_FIELDS = ["id", "user", "userId", "name", "scopes", "created", "lastUsed", "expires"] as const;
export const tokenListOutput: OutputSpec = {
  fields: TOKEN_FIELDS,
  columns: ["id", "user", "name", "scopes", "created", "lastUsed", "expires"],
  list: true,
  empty: "no personal access tokens",
};
export const tokenRecordOutput: OutputSpec = {
  fields: TOKEN_FIELDS,
  columns: ["id", "user", "name", "scopes", "created", "lastUsed", "expires"],
};

export async function tokenView(
  ctx: CommandContext,
  t: PersonalAccessTokenSummary | GetPersonalAccessTokenMetadataResponse,
): Promise<TokenView> {
  return {
    id: t.PersonalAccessTokenId,
    user: t.UserId === undefined ? undefined : await entityLabel(ctx.resolve, t.UserId),
    userId: t.UserId,
    name: t.Name,
    scopes: t.Scopes,
    created: t.DateCreated,
    lastUsed: t.DateLastUsed,
    expires: t.ExpiresTime,
  };
}

/** A token's metadata (never the token); NotFoundError (exit 5) when there is no such token. */
export async function requireToken(
  api: WorkMailApi,
  orgId: string,
  id: string,
): Promise<GetPersonalAccessTokenMetadataResponse> {
  try {
    return await api.getPersonalAccessTokenMetadata({ OrganizationId: orgId, PersonalAccessTokenId: id });
  } catch (e) {
    if ((e as Error).name === "ResourceNotFoundException")
      throw new NotFoundError(`no personal access token ${id}`, "see `wmctl token list`");
    throw e;
  }
}
