import { fail } from "../errors.js";
import type { Sim } from "../sim.js";
import type { Handlers } from "./handler.js";
import { organizationArn, organizationState, type OrganizationRow } from "./organizations.js";

/** "You can add up to 50 tags." (guide: "Tagging an organization"; the model's TagList max). */
export const MAX_TAGS = 50;

/**
 * The organization an ARN names: `arn:aws:workmail:<region>:<account>:organization/<id>` of this
 * Region and account, not deleted. Anything else is ResourceNotFoundException.
 */
function taggedOrganization(sim: Sim, arn: string, options: { active: boolean }): OrganizationRow {
  const m = /^arn:aws:workmail:([a-z0-9-]*):([0-9]+):organization\/(m-[0-9a-f]{32})$/.exec(arn);
  const row =
    m === null
      ? undefined
      : sim.db.prepare<[string], OrganizationRow>("SELECT * FROM organizations WHERE id = ?").get(m[3] as string);
  const state = row === undefined ? undefined : organizationState(row, sim.now.getTime());
  if (row === undefined || state === "Deleted" || organizationArn(sim, row.id) !== arn)
    throw fail.resourceNotFound(`The resource ${arn} was not found.`);
  if (options.active && state !== "Active")
    throw fail.organizationState(`Organization ${row.id} is ${state}; the operation needs an Active organization.`);
  return row;
}

export const tagHandlers: Handlers = {
  TagResource(sim, input) {
    const org = taggedOrganization(sim, input.ResourceARN, { active: true });
    const keys = new Set<string>();
    for (const t of input.Tags) {
      const key = t.Key as string;
      if (key.toLowerCase().startsWith("aws:"))
        throw fail.invalidParameter(`The tag key ${key} uses the reserved prefix aws:.`);
      if (keys.has(key)) throw fail.invalidParameter(`The tag key ${key} appears more than once.`);
      keys.add(key);
    }
    const existing = new Set(
      sim.db
        .prepare<[string], { key: string }>("SELECT key FROM organization_tags WHERE org_id = ?")
        .all(org.id)
        .map((r) => r.key),
    );
    const total = existing.size + [...keys].filter((k) => !existing.has(k)).length;
    if (total > MAX_TAGS)
      throw fail.tooManyTags(`An organization can have at most ${MAX_TAGS} tags; this request would make ${total}.`);
    const upsert = sim.db.prepare(
      "INSERT INTO organization_tags (org_id, key, value) VALUES (?, ?, ?) ON CONFLICT(org_id, key) DO UPDATE SET value = excluded.value",
    );
    for (const t of input.Tags) upsert.run(org.id, t.Key, t.Value ?? "");
    return {};
  },

  UntagResource(sim, input) {
    const org = taggedOrganization(sim, input.ResourceARN, { active: false });
    const del = sim.db.prepare("DELETE FROM organization_tags WHERE org_id = ? AND key = ?");
    for (const key of input.TagKeys) del.run(org.id, key);
    return {};
  },

  ListTagsForResource(sim, input) {
    const org = taggedOrganization(sim, input.ResourceARN, { active: false });
    const rows = sim.db
      .prepare<[string], { key: string; value: string }>(
        "SELECT key, value FROM organization_tags WHERE org_id = ? ORDER BY rowid",
      )
      .all(org.id);
    return { Tags: rows.map((r) => ({ Key: r.key, Value: r.value })) };
  },
};
