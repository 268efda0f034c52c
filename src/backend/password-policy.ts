/**
 * The WorkMail directory's password policy (guide: "Troubleshooting Amazon WorkMail password
 * policies"): non-empty, at least 8 and fewer than 64 characters, Basic Latin or Latin-1
 * Supplement only, and characters from three of five groups (upper, lower, digits, special,
 * Latin-1 letters). One rule for the simulator (InvalidPasswordException) and for the commands,
 * which check a password before they change anything.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length === 0) return "The password must not be empty.";
  if (password.length < 8) return "The password must be at least 8 characters long.";
  if (password.length >= 64) return "The password must be shorter than 64 characters.";
  if (!/^[\u0020-\u00FF]+$/.test(password))
    return "The password may only contain Basic Latin and Latin-1 Supplement characters.";
  const groups = [
    /[A-Z]/,
    /[a-z]/,
    /[0-9]/,
    /[\u0020-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/,
    /[\u00A0-\u00FF]/,
  ];
  const used = groups.filter((g) => g.test(password)).length;
  if (used < 3) {
    return "The password must contain characters from three of these groups: uppercase, lowercase, digits, special characters, Latin-1 letters.";
  }
  return undefined;
}
