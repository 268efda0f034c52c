/**
 * The service's pattern constraints said in words (issue #11 item 13): a ValidationException quotes
 * a regular expression (`Member must satisfy regular expression pattern: [\w\-.]+(@...)?`), which is
 * no help to an admin. Each pattern of the API model an admin types into is described here; the
 * message becomes `"Zoë" is not a valid user or resource name: letters, digits and . _ - only ...`.
 */
const RULES: ReadonlyArray<readonly [pattern: string, what: string, rule: string]> = [
  [
    "[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?",
    "user or resource name",
    "use letters (no accents), digits and . _ - only, at most 64",
  ],
  [
    "^(?!d-)([\\da-zA-Z]+)([-][\\da-zA-Z]+)*",
    "organization alias",
    "use letters (no accents) and digits, with single hyphens between them; no spaces, and not starting with d-",
  ],
  [
    "[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\\.[a-zA-Z-]{2,}",
    "email address",
    "write it as local@domain.tld, with letters (no accents), digits and . _ % + - before the @",
  ],
  ["[\\u0020-\\u00FF]+", "value", "use printable Latin-1 characters only (no control characters or emoji)"],
  ["[a-zA-Z0-9_-]+", "name", "use letters (no accents), digits, _ and - only; no spaces"],
  [
    "[a-zA-Z0-9.-]+",
    "domain name",
    "use letters, digits, dots and hyphens only (the ASCII form of an internationalized name)",
  ],
  ["[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+", "name", "no control characters, < > or \\"],
  ["[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+", "description", "no control characters, < > or \\"],
  ["[A-Za-z0-9]+", "device id", "use letters and digits only"],
  [
    "^m-[0-9a-f]{32}$",
    "organization id",
    "an organization id is m- and 32 hexadecimal digits (or name the organization by its alias)",
  ],
  ["[A-Za-z0-9.-]+", "bucket name", "use letters, digits, dots and hyphens only"],
  ["https?://[A-Za-z0-9.-]+(:[0-9]+)?/.*", "URL", "write it as https://host/path"],
];

const VALIDATION =
  /^1 validation error detected: Value (?:'(.*)' )?at '([^']*)' failed to satisfy constraint: Member must satisfy regular expression pattern: (.*)$/s;

/** The message in words when it is a pattern constraint wmctl knows; undefined otherwise. */
export function explainConstraint(message: string): string | undefined {
  const m = VALIDATION.exec(message);
  if (m === null) return undefined;
  const [, value, member, pattern] = m as unknown as [string, string | undefined, string, string];
  const known = RULES.find(([p]) => p === pattern.trim());
  const memberWords = member
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/\./g, " ")
    .toLowerCase();
  // A secret (a password) is not quoted back: the service leaves its value out.
  const subject = value === undefined ? `the ${memberWords}` : `"${value}"`;
  if (known !== undefined)
    return `${subject} is not a valid ${value === undefined ? memberWords : known[1]}: ${known[2]}`;
  // An ARN or another pattern: name the member and keep the pattern, at the end.
  return `${subject} is not a valid ${memberWords} (expected the form ${pattern.trim()})`;
}
