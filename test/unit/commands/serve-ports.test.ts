import { describe, expect, it } from "vitest";
import { listenerPorts } from "../../../src/commands/local/serve.js";

describe("local serve's listener ports", () => {
  const none = { noDns: false, noAutodiscover: false };
  it("takes the three ports after --port by default, free ones with --port 0", () => {
    expect(listenerPorts(4750, none)).toEqual({
      dns: { port: 4751 },
      autodiscover: { httpPort: 4752, httpsPort: 4753 },
    });
    expect(listenerPorts(0, none)).toEqual({ dns: { port: 0 }, autodiscover: { httpPort: 0, httpsPort: 0 } });
    expect(listenerPorts(65534, none)).toEqual({ dns: { port: 65535 }, autodiscover: { httpPort: 0, httpsPort: 0 } });
  });

  it("lets each port be given, and each listener be turned off", () => {
    expect(listenerPorts(4750, { ...none, dnsPort: 5353, autodiscoverHttpsPort: 0 })).toEqual({
      dns: { port: 5353 },
      autodiscover: { httpPort: 4752, httpsPort: 0 },
    });
    expect(listenerPorts(4750, { noDns: true, noAutodiscover: true })).toEqual({ dns: false, autodiscover: false });
  });
});
