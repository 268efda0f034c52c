import type { OutputSpec } from "../../output/format.js";

export const monitoringOutput: OutputSpec = {
  fields: ["enabled", "logGroupArn", "roleArn"],
  columns: ["enabled", "logGroupArn", "roleArn"],
};
