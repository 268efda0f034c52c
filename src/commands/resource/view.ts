import type { BookingOptions, DescribeResourceResponse, Resource } from "@aws-sdk/client-workmail";
import type { OutputSpec } from "../../output/format.js";

/** A resource as wmctl prints it (`-o json` keys); booking options are flattened. */
export interface ResourceView {
  id: string | undefined;
  name: string | undefined;
  type: string | undefined;
  email: string | undefined;
  state: string | undefined;
  description: string | undefined;
  enabledDate: Date | undefined;
  disabledDate: Date | undefined;
  hiddenFromGlobalAddressList?: boolean | undefined;
  autoAcceptRequests?: boolean | undefined;
  autoDeclineRecurringRequests?: boolean | undefined;
  autoDeclineConflictingRequests?: boolean | undefined;
  /** Names of the delegates (describe only). */
  delegates?: string[] | undefined;
}

const RESOURCE_FIELDS = [
  "id",
  "name",
  "type",
  "email",
  "state",
  "description",
  "enabledDate",
  "disabledDate",
  "hiddenFromGlobalAddressList",
  "autoAcceptRequests",
  "autoDeclineRecurringRequests",
  "autoDeclineConflictingRequests",
  "delegates",
] as const;

/** The fields `resource list` gets only from DescribeResource and ListResourceDelegates. */
export const RESOURCE_DETAIL_FIELDS: readonly string[] = [
  "hiddenFromGlobalAddressList",
  "autoAcceptRequests",
  "autoDeclineRecurringRequests",
  "autoDeclineConflictingRequests",
  "delegates",
];

export const resourceListOutput: OutputSpec = {
  fields: RESOURCE_FIELDS,
  columns: ["name", "type", "email", "state", "description"],
  list: true,
  empty: "no resources",
};
export const resourceRecordOutput: OutputSpec = { fields: RESOURCE_FIELDS, columns: RESOURCE_FIELDS };

/** The resource types as typed on the command line. */
export const RESOURCE_TYPES = ["room", "equipment"] as const;

export function resourceView(r: DescribeResourceResponse, delegates?: string[]): ResourceView {
  return {
    id: r.ResourceId,
    name: r.Name,
    type: r.Type,
    email: r.Email,
    state: r.State,
    description: r.Description,
    enabledDate: r.EnabledDate,
    disabledDate: r.DisabledDate,
    hiddenFromGlobalAddressList: r.HiddenFromGlobalAddressList,
    autoAcceptRequests: r.BookingOptions?.AutoAcceptRequests,
    autoDeclineRecurringRequests: r.BookingOptions?.AutoDeclineRecurringRequests,
    autoDeclineConflictingRequests: r.BookingOptions?.AutoDeclineConflictingRequests,
    ...(delegates === undefined ? {} : { delegates }),
  };
}

export function resourceSummaryView(r: Resource): ResourceView {
  return {
    id: r.Id,
    name: r.Name,
    type: r.Type,
    email: r.Email,
    state: r.State,
    description: r.Description,
    enabledDate: r.EnabledDate,
    disabledDate: r.DisabledDate,
  };
}

/** A delegate with its name and address looked up. */
export interface DelegateView {
  id: string | undefined;
  name: string | undefined;
  type: string | undefined;
  email: string | undefined;
  state: string | undefined;
}

const DELEGATE_FIELDS = ["id", "name", "type", "email", "state"] as const;
export const delegateListOutput: OutputSpec = {
  fields: DELEGATE_FIELDS,
  columns: ["name", "type", "email", "state"],
  list: true,
  empty: "no delegates",
};

/** The booking flags shared by `resource create` and `resource update`. */
export const BOOKING_FLAGS = {
  autoAccept: {
    kind: "boolean",
    negatable: true,
    describe: "Accept booking requests automatically (default for a new resource)",
    negatedDescribe: "Do not accept requests automatically: a delegate answers them (needs a delegate)",
  },
  declineRecurring: {
    kind: "boolean",
    negatable: true,
    describe: "Decline recurring meeting requests automatically",
    negatedDescribe: "Do not decline recurring requests automatically (default)",
  },
  declineConflicting: {
    kind: "boolean",
    negatable: true,
    describe: "Decline conflicting requests automatically (default)",
    negatedDescribe: "Do not decline conflicting requests automatically",
  },
} as const;

export interface BookingFlags {
  autoAccept?: boolean | undefined;
  declineRecurring?: boolean | undefined;
  declineConflicting?: boolean | undefined;
}

export function bookingFlagsGiven(f: BookingFlags): boolean {
  return f.autoAccept !== undefined || f.declineRecurring !== undefined || f.declineConflicting !== undefined;
}

/** The full set of booking options UpdateResource needs: the flags given over the current ones. */
export function mergeBooking(current: BookingOptions | undefined, f: BookingFlags): Required<BookingOptions> {
  return {
    AutoAcceptRequests: f.autoAccept ?? current?.AutoAcceptRequests ?? true,
    AutoDeclineRecurringRequests: f.declineRecurring ?? current?.AutoDeclineRecurringRequests ?? false,
    AutoDeclineConflictingRequests: f.declineConflicting ?? current?.AutoDeclineConflictingRequests ?? true,
  };
}
