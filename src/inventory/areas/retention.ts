import type { InventoryArea } from "../area.js";
import { attempt, skipped } from "./policy-steps.js";

export interface InventoryRetention {
  name: string;
  description?: string | undefined;
  folders: Array<{ folder: string; action: string; days?: number | undefined }>;
}

const AREA = "retention";

/** The mailbox retention policy, or null. Restore puts it (keeping the target's policy id); null restores nothing. */
export const retentionArea: InventoryArea<InventoryRetention | null> = {
  name: AREA,

  async collect(api, orgId) {
    try {
      const p = await api.getDefaultRetentionPolicy({ OrganizationId: orgId });
      return {
        name: p.Name as string,
        ...(p.Description === undefined ? {} : { description: p.Description }),
        folders: (p.FolderConfigurations ?? []).map((f) => ({
          folder: f.Name as string,
          action: f.Action as string,
          ...(f.Period === undefined ? {} : { days: f.Period }),
        })),
      };
    } catch (e) {
      if ((e as Error).name === "EntityNotFoundException") return null;
      throw e;
    }
  },

  async restore(api, orgId, data) {
    if (data === null)
      return [
        {
          area: AREA,
          action: "PutRetentionPolicy",
          target: "(none)",
          result: "skipped",
          message: "the inventory has no retention policy",
        },
      ];
    let id: string | undefined;
    let have: InventoryRetention | null = null;
    try {
      id = (await api.getDefaultRetentionPolicy({ OrganizationId: orgId })).Id;
      have = await retentionArea.collect(api, orgId, { nameOf: () => undefined, emailOf: () => undefined });
    } catch (e) {
      if ((e as Error).name !== "EntityNotFoundException") throw e;
    }
    if (have !== null && sameRetention(have, data)) return [skipped(AREA, "PutRetentionPolicy", data.name)];
    return [
      await attempt(AREA, "PutRetentionPolicy", data.name, id === undefined ? "created" : "updated", () =>
        api.putRetentionPolicy({
          OrganizationId: orgId,
          Name: data.name,
          ...(id === undefined ? {} : { Id: id }),
          ...(data.description === undefined ? {} : { Description: data.description }),
          FolderConfigurations: data.folders.map((f) => ({
            Name: f.folder as "INBOX",
            Action: f.action as "DELETE",
            ...(f.days === undefined ? {} : { Period: f.days }),
          })),
        }),
      ),
    ];
  },

  tables(data) {
    return {
      retention: (data?.folders ?? []).map((f) => ({
        policy: data?.name ?? "",
        folder: f.folder,
        action: f.action,
        days: f.days ?? "",
      })),
    };
  },
};

function sameRetention(a: InventoryRetention, b: InventoryRetention): boolean {
  const folders = (p: InventoryRetention) =>
    JSON.stringify(p.folders.map((f) => [f.folder, f.action, f.days ?? null]).sort());
  return a.name === b.name && (a.description ?? "") === (b.description ?? "") && folders(a) === folders(b);
}
