import type { WorkMailApi } from "./workmail-api.js";

export type PortCall = (input: unknown) => Promise<unknown>;

/**
 * The port with every operation passed through `around(method, call)` (built once per method, on
 * first use); other members are left as they are. The shared shape of the bounded, counted and
 * rate-limited ports (inventory, restore, bulk).
 */
export function wrapPort(api: WorkMailApi, around: (method: string, call: PortCall) => PortCall): WorkMailApi {
  const wrapped = new Map<string, PortCall>();
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop !== "string") return value;
      let fn = wrapped.get(prop);
      if (fn === undefined) {
        const method = value as PortCall;
        fn = around(prop, (input) => method.call(target, input));
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
}
