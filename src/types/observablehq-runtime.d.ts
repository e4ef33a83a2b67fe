// The parts of @observablehq/runtime 6 that crossexam uses (the package ships no types).
declare module "@observablehq/runtime" {
  export interface Observer {
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }
  export class Variable {
    define(name: string | null, inputs: string[], definition: unknown): this;
    define(inputs: string[], definition: unknown): this;
    define(definition: unknown): this;
    delete(): this;
  }
  export class Module {
    variable(observer?: Observer | boolean, options?: { shadow?: Record<string, unknown> }): Variable;
    define(name: string, inputs: string[], definition: unknown): Variable;
    value(name: string): Promise<unknown>;
    redefine(name: string, inputs: string[], definition: unknown): Variable;
  }
  export class Runtime {
    constructor(builtins?: Record<string, unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }
  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    input?: string;
  }
}
