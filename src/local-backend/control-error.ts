/**
 * Errors of the simulator's control (reset, snapshots, lifecycle, faults), in-process and over the
 * admin path alike. They carry `$fault` like service errors, so the CLI shows the name and maps it
 * to its exit code (validation 2, not found 5, conflict 6).
 */
export type ControlErrorName = "ValidationException" | "ResourceNotFoundException" | "ConflictException";

const STATUS: Record<ControlErrorName, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
};

export class ControlError extends Error {
  readonly $fault = "client" as const;
  readonly httpStatus: number;

  constructor(name: ControlErrorName, message: string) {
    super(message);
    this.name = name;
    this.httpStatus = STATUS[name];
  }
}
