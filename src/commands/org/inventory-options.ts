/** Flags that `org inventory`, `org restore`, `apply` and `migrate plan` share. */

/** How many API calls the inventory engine keeps in flight (src/inventory/limited-api.ts). */
export function concurrencyOption(describe: string) {
  return { kind: "int", default: 8, min: 1, max: 32, placeholder: "n", describe } as const;
}

/** --map-domain old=new, read with DomainMap.parse. */
export const MAP_DOMAIN_OPTION = {
  kind: "list",
  placeholder: "old=new",
  describe: "Rewrite addresses and domains OLD into NEW (repeatable)",
} as const;
