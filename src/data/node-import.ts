// Importing Node built-ins from code that is also bundled for the browser. The specifier is
// hidden from bundlers (a variable plus @vite-ignore), so Vite neither warns nor stubs it;
// callers reach it only on Node-only branches.

export function nodeImport<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}
