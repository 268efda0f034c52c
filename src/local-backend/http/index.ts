export { serveSimulator } from "./simulator-server.js";
export { httpSimulatorControl, RemoteControlError, type ControlSigner, type SignerSource } from "./control-client.js";
export { signRequest, verifyRequest, type SigV4Credentials } from "./sigv4.js";
