import type { InventoryArea } from "../area.js";
import { attempt, skipped } from "./policy-steps.js";

export type InventoryTags = Array<{ key: string; value: string }>;

const AREA = "tags";

/** The organization's tags. Restore adds them (an existing key gets the inventory's value) unless the target has them all. */
export const tagsArea: InventoryArea<InventoryTags> = {
  name: AREA,

  async collect(api, orgId) {
    const arn = (await api.describeOrganization({ OrganizationId: orgId })).ARN as string;
    return ((await api.listTagsForResource({ ResourceARN: arn })).Tags ?? []).map((t) => ({
      key: t.Key as string,
      value: t.Value ?? "",
    }));
  },

  async restore(api, orgId, data) {
    if (data.length === 0) return [];
    const arn = (await api.describeOrganization({ OrganizationId: orgId })).ARN as string;
    const have = new Map(
      ((await api.listTagsForResource({ ResourceARN: arn })).Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]),
    );
    if (data.every((t) => have.get(t.key) === t.value))
      return [skipped(AREA, "TagResource", data.map((t) => t.key).join(","))];
    return [
      await attempt(AREA, "TagResource", data.map((t) => t.key).join(","), "updated", () =>
        api.tagResource({ ResourceARN: arn, Tags: data.map((t) => ({ Key: t.key, Value: t.value })) }),
      ),
    ];
  },

  tables(data) {
    return { tags: data.map((t) => ({ key: t.key, value: t.value })) };
  },
};
