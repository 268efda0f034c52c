import type { DescribeGroupResponse, Group, Member } from "@aws-sdk/client-workmail";
import type { OutputSpec } from "../../output/format.js";

/** A group as wmctl prints it (`-o json` keys). */
export interface GroupView {
  id: string | undefined;
  name: string | undefined;
  email: string | undefined;
  state: string | undefined;
  enabledDate: Date | undefined;
  disabledDate: Date | undefined;
  hiddenFromGlobalAddressList?: boolean | undefined;
}

const GROUP_FIELDS = [
  "id",
  "name",
  "email",
  "state",
  "enabledDate",
  "disabledDate",
  "hiddenFromGlobalAddressList",
] as const;

export const groupListOutput: OutputSpec = {
  fields: GROUP_FIELDS,
  columns: ["name", "email", "state", "id"],
  list: true,
  empty: "no groups",
};
export const groupRecordOutput: OutputSpec = { fields: GROUP_FIELDS, columns: GROUP_FIELDS };

export function groupView(g: DescribeGroupResponse): GroupView {
  return {
    id: g.GroupId,
    name: g.Name,
    email: g.Email,
    state: g.State,
    enabledDate: g.EnabledDate,
    disabledDate: g.DisabledDate,
    hiddenFromGlobalAddressList: g.HiddenFromGlobalAddressList,
  };
}

export function groupSummaryView(g: Group): GroupView {
  return {
    id: g.Id,
    name: g.Name,
    email: g.Email,
    state: g.State,
    enabledDate: g.EnabledDate,
    disabledDate: g.DisabledDate,
  };
}

/** A member of a group; `via` and `depth` say where a nested member comes from (--recursive). */
export interface MemberView {
  id: string | undefined;
  name: string | undefined;
  type: string | undefined;
  /** Looked up per member (DescribeUser / DescribeGroup) when shown. */
  email?: string | undefined;
  state: string | undefined;
  enabledDate: Date | undefined;
  disabledDate: Date | undefined;
  via: string;
  depth: number;
}

const MEMBER_FIELDS = ["id", "name", "type", "email", "state", "enabledDate", "disabledDate", "via", "depth"] as const;
export const memberListOutput: OutputSpec = {
  fields: MEMBER_FIELDS,
  columns: ["name", "type", "email", "state", "id"],
  list: true,
  empty: "no members",
};
export const RECURSIVE_MEMBER_COLUMNS = ["name", "type", "email", "state", "via"] as const;

/** Groups on a membership path, as printed in `via`: "all-staff > engineering". */
const PATH_SEPARATOR = " > ";

export function memberView(m: Member, path: readonly string[]): MemberView {
  return {
    id: m.Id,
    name: m.Name,
    type: m.Type,
    state: m.State,
    enabledDate: m.EnabledDate,
    disabledDate: m.DisabledDate,
    via: path.join(PATH_SEPARATOR),
    depth: path.length,
  };
}
