// Local modules a notebook imports (`import {Scrubber} from "./scrubber.js"`), loaded the same way
// in the browser and in Node: the file is read through the host, its `import` declarations become
// calls to the notebook's own resolver (so a CDN import inside it gets the installed package, and
// its relative imports resolve against the file), and its exports become live getters. Node's own
// loader is not used: it would treat a `.js` file as CommonJS unless a package.json said otherwise.
import { Parser, type Node as AcornNode } from "acorn";
import { simple } from "acorn-walk";

type Resolve = (specifier: string, from: URL) => Promise<unknown>;

interface Edit { start: number; end: number; text: string }

/** Turn an ES module's source into the body of `async (__import__, __meta__) => exports`. */
export function moduleBody(source: string): string {
  const ast = Parser.parse(source, { ecmaVersion: "latest", sourceType: "module" }) as unknown as { body: any[] };
  const edits: Edit[] = [];
  const exported: [string, string][] = []; // [exported name, local expression]
  let n = 0;
  for (const node of ast.body) {
    if (node.type === "ImportDeclaration") {
      const m = `__m${n++}`;
      const parts = node.specifiers.map((s: any) => s.type === "ImportDefaultSpecifier" ? `${s.local.name} = ${m}.default`
        : s.type === "ImportNamespaceSpecifier" ? `${s.local.name} = ${m}` : `${s.local.name} = ${m}[${JSON.stringify(nameOf(s.imported))}]`);
      edits.push({ start: node.start, end: node.end, text: `const ${m} = await __import__(${JSON.stringify(node.source.value)});${parts.length ? ` const ${parts.join(", ")};` : ""}` });
    } else if (node.type === "ExportNamedDeclaration" && node.declaration) {
      edits.push({ start: node.start, end: node.declaration.start, text: "" });
      for (const name of declared(node.declaration)) exported.push([name, name]);
    } else if (node.type === "ExportNamedDeclaration") {
      const m = node.source ? `__m${n++}` : "";
      for (const s of node.specifiers) exported.push([nameOf(s.exported), m ? `${m}[${JSON.stringify(nameOf(s.local))}]` : nameOf(s.local)]);
      edits.push({ start: node.start, end: node.end, text: m ? `const ${m} = await __import__(${JSON.stringify(node.source.value)});` : "" });
    } else if (node.type === "ExportDefaultDeclaration") {
      const d = node.declaration;
      if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id) {
        edits.push({ start: node.start, end: d.start, text: "" });
        exported.push(["default", d.id.name]);
      } else {
        edits.push({ start: node.start, end: d.start, text: "const __default = " });
        if (d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") edits.push({ start: d.end, end: d.end, text: ";" });
        exported.push(["default", "__default"]);
      }
    } else if (node.type === "ExportAllDeclaration") {
      const m = `__m${n++}`;
      edits.push({ start: node.start, end: node.end, text: `const ${m} = await __import__(${JSON.stringify(node.source.value)});` });
      if (node.exported) exported.push([nameOf(node.exported), m]);
      else exported.push([`...${m}`, ""]);
    }
  }
  simple(ast as unknown as AcornNode, {
    ImportExpression(node: any) { edits.push({ start: node.start, end: node.start + "import".length, text: "__import__" }); },
    MetaProperty(node: any) { if (node.meta.name === "import") edits.push({ start: node.start, end: node.end, text: "__meta__" }); },
  });
  let out = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const getters = exported.map(([name, local]) => name.startsWith("...") ? name : `get ${JSON.stringify(name)}() { return ${local}; }`);
  return `"use strict";\n${out}\n;return {${getters.join(", ")}};`;
}

function nameOf(node: { type: string; name?: string; value?: string }): string {
  return node.type === "Identifier" ? node.name! : String(node.value);
}

function declared(node: any): string[] {
  if (node.type === "VariableDeclaration") return node.declarations.flatMap((d: any) => patternNames(d.id));
  return node.id ? [node.id.name] : [];
}

function patternNames(p: any): string[] {
  switch (p.type) {
    case "Identifier": return [p.name];
    case "ObjectPattern": return p.properties.flatMap((q: any) => patternNames(q.type === "RestElement" ? q.argument : q.value));
    case "ArrayPattern": return p.elements.filter(Boolean).flatMap(patternNames);
    case "RestElement": return patternNames(p.argument);
    case "AssignmentPattern": return patternNames(p.left);
    default: return [];
  }
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

/** A loader of local modules: each URL loaded once, its imports resolved by `resolve` against it. */
export function moduleLoader(read: (url: URL) => Promise<Uint8Array>, resolve: Resolve) {
  const cache = new Map<string, Promise<unknown>>();
  const load = (url: URL): Promise<unknown> => {
    let module = cache.get(url.href);
    if (!module) {
      module = (async () => {
        let source = new TextDecoder().decode(await read(url));
        if (/\.tsx?$/.test(url.pathname)) source = await stripTypes(source);
        let body: string;
        try {
          body = moduleBody(source);
        } catch (error) {
          throw new SyntaxError(`cannot load module ${url.href}: ${(error as Error).message}`);
        }
        const meta = { url: url.href, resolve: (s: string) => new URL(s, url).href };
        return new AsyncFunction("__import__", "__meta__", body)((s: string) => resolve(s, url), meta);
      })();
      cache.set(url.href, module);
    }
    return module;
  };
  return load;
}

async function stripTypes(source: string): Promise<string> {
  const ts = (await import("typescript")).default;
  return ts.transpile(source, { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext });
}
