import type { InventoryArea } from "./area.js";

/** Every area `org inventory` writes and `org restore` re-creates, in restore order. */
export const INVENTORY_AREAS: ReadonlyArray<InventoryArea> = [];
