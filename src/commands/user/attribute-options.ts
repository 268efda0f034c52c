import type { UserAttribute } from "../../backend/user-attributes.js";

const LABELS: Record<UserAttribute, string> = {
  firstName: "First name",
  lastName: "Last name",
  initials: "Initials",
  telephone: "Telephone",
  street: "Street",
  jobTitle: "Job title",
  city: "City",
  company: "Company",
  zipCode: "Zip code",
  department: "Department",
  country: "Country",
  office: "Office",
};

const text = (describe: string) => ({ kind: "string", placeholder: "text", describe }) as const;

/** --first-name, --job-title, --department ...: the user attributes, one flag each (`user create`). */
export const USER_ATTRIBUTE_OPTIONS = {
  firstName: text(LABELS.firstName),
  lastName: text(LABELS.lastName),
  initials: text(LABELS.initials),
  telephone: text(LABELS.telephone),
  street: text(LABELS.street),
  jobTitle: text(LABELS.jobTitle),
  city: text(LABELS.city),
  company: text(LABELS.company),
  zipCode: text(LABELS.zipCode),
  department: text(LABELS.department),
  country: text(LABELS.country),
  office: text(LABELS.office),
} as const;

/** The attributes given on the command line, by wmctl's camelCase name. */
export function attributesGiven(
  opts: Partial<Record<UserAttribute, string | undefined>>,
): Partial<Record<UserAttribute, string>> {
  const out: Partial<Record<UserAttribute, string>> = {};
  for (const key of Object.keys(LABELS) as UserAttribute[]) {
    const v = opts[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
