import type { GetMobileDeviceAccessOverrideResponse, MobileDeviceAccessOverride } from "@aws-sdk/client-workmail";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { CommandContext } from "../../context/context.js";
import { entityLabel } from "../../context/entity-labels.js";
import type { OutputSpec } from "../../output/format.js";
import { unlessServiceError } from "../../errors/with-hint.js";

export interface OverrideView {
  user: string | undefined;
  userId: string | undefined;
  deviceId: string | undefined;
  effect: string | undefined;
  description: string | undefined;
  created: Date | undefined;
  modified: Date | undefined;
}

const OVERRIDE_FIELDS = ["user", "userId", "deviceId", "effect", "description", "created", "modified"] as const;
export const overrideListOutput: OutputSpec = {
  fields: OVERRIDE_FIELDS,
  columns: ["user", "deviceId", "effect", "description", "modified"],
  list: true,
  empty: "no mobile device access overrides",
};
export const overrideRecordOutput: OutputSpec = {
  fields: OVERRIDE_FIELDS,
  columns: ["user", "deviceId", "effect", "description", "created", "modified"],
};

export async function overrideView(
  ctx: CommandContext,
  o: MobileDeviceAccessOverride | GetMobileDeviceAccessOverrideResponse,
): Promise<OverrideView> {
  return {
    user: o.UserId === undefined ? undefined : await entityLabel(ctx.resolve, o.UserId),
    userId: o.UserId,
    deviceId: o.DeviceId,
    effect: o.Effect,
    description: o.Description,
    created: o.DateCreated,
    modified: o.DateModified,
  };
}

export const DEVICE_ID_HELP = "the device id as the console shows it (letters and digits, any case)";

/** The override for a user's device, or undefined when the mobile rules decide for it. */
export async function findOverride(
  api: WorkMailApi,
  orgId: string,
  userId: string,
  deviceId: string,
): Promise<GetMobileDeviceAccessOverrideResponse | undefined> {
  return unlessServiceError(
    api.getMobileDeviceAccessOverride({ OrganizationId: orgId, UserId: userId, DeviceId: deviceId }),
    "ResourceNotFoundException",
  );
}

/** Every override of an organization (or of one user / device). */
export async function* listOverrides(
  api: WorkMailApi,
  orgId: string,
  filter: { UserId?: string; DeviceId?: string } = {},
) {
  yield* paginate(
    (t) => api.listMobileDeviceAccessOverrides({ OrganizationId: orgId, ...filter, NextToken: t }),
    "Overrides",
  );
}
