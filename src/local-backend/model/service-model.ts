/**
 * The WorkMail service model (workmail-2017-10-01), the source of operation names, required
 * members, constraints, error names per operation and paginators. Loaded on first use only.
 */
interface ShapeRef {
  readonly shape: string;
}

export interface Shape {
  readonly type:
    | "structure"
    | "string"
    | "integer"
    | "long"
    | "boolean"
    | "timestamp"
    | "list"
    | "map"
    | "blob"
    | "double"
    | "float";
  readonly members?: Readonly<Record<string, ShapeRef & { documentation?: string; idempotencyToken?: boolean }>>;
  readonly required?: readonly string[];
  readonly member?: ShapeRef;
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly sensitive?: boolean;
  readonly exception?: boolean;
}

interface Operation {
  readonly name: string;
  readonly input?: ShapeRef;
  readonly output?: ShapeRef;
  readonly errors?: readonly ShapeRef[];
  readonly idempotent?: boolean;
  readonly documentation?: string;
}

export interface ServiceModel {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly operations: Readonly<Record<string, Operation>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

export interface Paginator {
  readonly result_key: string;
  readonly input_token: string;
  readonly output_token: string;
  readonly limit_key?: string;
}

let model: Promise<ServiceModel> | undefined;
let paginators: Promise<Readonly<Record<string, Paginator>>> | undefined;
let loaded: ServiceModel | undefined;

export function loadServiceModel(): Promise<ServiceModel> {
  model ??= import("./workmail-2017-10-01.service.json", { with: { type: "json" } }).then((m) => {
    loaded = m.default as unknown as ServiceModel;
    return loaded;
  });
  return model;
}

/** The model, once `loadServiceModel()` has resolved (LocalBackend.open awaits it). */
export function serviceModel(): ServiceModel {
  if (loaded === undefined) throw new Error("the service model is not loaded yet: await loadServiceModel() first");
  return loaded;
}

export function loadPaginators(): Promise<Readonly<Record<string, Paginator>>> {
  paginators ??= import("./workmail-2017-10-01.paginators.json", { with: { type: "json" } }).then(
    (m) => (m.default as { pagination: Record<string, Paginator> }).pagination,
  );
  return paginators;
}
