export { LocalBackend, type LocalBackendOptions } from "./local-backend.js";
export { SimulatedServiceError, isSimulatedServiceError } from "./errors.js";
export { advanceClock, simNow } from "./clock.js";
export { localControl } from "./control.js";
