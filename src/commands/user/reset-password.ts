import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { hasPasswordSource, PASSWORD_FLAGS, PASSWORD_OPTIONS, passwordSource } from "./password-options.js";

export const userResetPasswordCommand = defineCommand({
  name: "reset-password",
  aliases: ["passwd"],
  summary: "Set a new password for a user",
  description:
    "The password comes from a masked prompt (asked twice), --password-stdin, --password-file or\n" +
    "--generate-password (printed once); never from the command line. It must meet the WorkMail\n" +
    "directory's policy: 8 to 63 characters from three of upper case, lower case, digits, special\n" +
    "characters and Latin-1 letters.",
  examples: [
    "wmctl user reset-password bob",
    "printf '%s' \"$PW\" | wmctl user reset-password bob --password-stdin",
    "wmctl user reset-password bob --generate-password -o json",
  ],
  args: [{ name: "user", describe: "name, email address or id" }],
  options: { ...PASSWORD_OPTIONS },
  output: { fields: ["id", "name", "email", "password"], columns: ["name", "password"] },
  mutating: true,
  async run(ctx, opts) {
    const source = passwordSource(opts);
    if (!hasPasswordSource(source) && !ctx.prompter.canPrompt) {
      throw new UsageError(
        `a new password is needed for ${opts.user}, and wmctl cannot prompt for it (no terminal or --no-input)`,
        `pass ${PASSWORD_FLAGS}`,
      );
    }
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    if (opts.dryRun) {
      ctx.out.plan({
        action: "ResetPassword",
        target: user.name,
        details: {
          source: source.generate
            ? "generated"
            : source.stdin
              ? "stdin"
              : source.file !== undefined
                ? "file"
                : "prompt",
        },
      });
      return;
    }
    const pw = await ctx.password(source);
    if (pw === undefined) return;
    await withHints(api.resetPassword({ OrganizationId: orgId, UserId: user.id, Password: pw.password }), {
      InvalidPasswordException:
        "use 8 to 63 characters from three of: upper case, lower case, digits, special characters, Latin-1 letters",
    });
    ctx.out.status(`Password of ${user.name} reset`);
    if (pw.generated) {
      ctx.out.info("The generated password is shown once: store it now.");
      ctx.out.record({ id: user.id, name: user.name, email: user.email, password: pw.password });
    }
  },
});
