import type { WorkMailOperation } from "./workmail-api.js";

/**
 * Checks a request against the WorkMail API model (required members, lengths, patterns, enums)
 * the way the service does, without sending it: `--dry-run` runs it before printing its plan, so a
 * plan is never shown for a request the service would refuse as malformed. The model loads lazily.
 */
export async function validateRequest(operation: WorkMailOperation, input: unknown): Promise<void> {
  const [{ loadServiceModel }, { validateInput }] = await Promise.all([
    import("../local-backend/model/service-model.js"),
    import("../local-backend/model/validate.js"),
  ]);
  validateInput(await loadServiceModel(), operation, input);
}
