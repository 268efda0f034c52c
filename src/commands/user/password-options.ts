import type { PasswordSource } from "../../context/secrets.js";

/** The password sources of `user create` and `user reset-password`: never an argv value. */
export const PASSWORD_OPTIONS = {
  passwordStdin: { kind: "boolean", describe: "Read the password from stdin (e.g. printf '%s' \"$PW\" | wmctl ...)" },
  passwordFile: {
    kind: "string",
    placeholder: "path",
    describe: "Read the password from a file (a trailing newline is dropped; keep it chmod 600)",
  },
  generatePassword: { kind: "boolean", describe: "Generate a strong password and print it once in the result" },
} as const;

export const PASSWORD_FLAGS = "--password-stdin, --password-file or --generate-password";

export function passwordSource(opts: {
  passwordStdin: boolean;
  passwordFile?: string | undefined;
  generatePassword: boolean;
}): PasswordSource {
  return { stdin: opts.passwordStdin, file: opts.passwordFile, generate: opts.generatePassword };
}

export function hasPasswordSource(source: PasswordSource): boolean {
  return source.stdin === true || source.file !== undefined || source.generate === true;
}
