import type { DescribeUserResponse, UpdateUserRequest } from "@aws-sdk/client-workmail";

/**
 * The user details UpdateUser sets and DescribeUser returns, by wmctl's camelCase name
 * (`firstName` -> `FirstName`). One list for `user update`, the inventory and the restore.
 */
export const USER_ATTRIBUTE_MEMBERS = {
  firstName: "FirstName",
  lastName: "LastName",
  initials: "Initials",
  telephone: "Telephone",
  street: "Street",
  jobTitle: "JobTitle",
  city: "City",
  company: "Company",
  zipCode: "ZipCode",
  department: "Department",
  country: "Country",
  office: "Office",
} as const satisfies Record<string, keyof DescribeUserResponse & keyof UpdateUserRequest & string>;

export type UserAttribute = keyof typeof USER_ATTRIBUTE_MEMBERS;

export const USER_ATTRIBUTES = Object.keys(USER_ATTRIBUTE_MEMBERS) as UserAttribute[];
