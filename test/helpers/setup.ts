import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// No test may read the developer's ~/.aws, ~/.config or ~/.local: point HOME and the XDG
// folders at a scratch directory for the whole worker.
const scratch = mkdtempSync(join(tmpdir(), "wmctl-test-home-"));
process.env.HOME = scratch;
process.env.XDG_CONFIG_HOME = join(scratch, ".config");
process.env.XDG_DATA_HOME = join(scratch, ".local", "share");
process.env.AWS_CONFIG_FILE = join(scratch, "aws-config");
process.env.AWS_SHARED_CREDENTIALS_FILE = join(scratch, "aws-credentials");
delete process.env.AWS_PROFILE;
delete process.env.AWS_REGION;
delete process.env.AWS_ACCESS_KEY_ID;
delete process.env.AWS_SECRET_ACCESS_KEY;
delete process.env.WMCTL_HOME;
delete process.env.WMCTL_PROFILE;
delete process.env.WMCTL_ORG;
delete process.env.WMCTL_BACKEND;
delete process.env.WMCTL_ENDPOINT_URL;
