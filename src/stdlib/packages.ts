// The packages cells can import or `require` with no network: each is installed with crossexam and
// loaded on first use. `npm:d3-sankey@0.12`, `https://cdn.jsdelivr.net/npm/htl/+esm`, `d3@6` and
// `require("topojson-client@3")` all name one of these; a version in the name is not checked
// (there is one installed copy), and any other package fails with "offline: cannot load …".
export const PACKAGES: Record<string, () => Promise<unknown>> = {
  "@observablehq/plot": () => import("@observablehq/plot"),
  "@observablehq/inputs": () => import("@observablehq/inputs"),
  "@observablehq/runtime": () => import("@observablehq/runtime"),
  arquero: () => import("arquero"),
  "apache-arrow": () => import("apache-arrow"),
  d3: () => import("d3"),
  "d3-sankey": () => import("d3-sankey"),
  "d3-hexbin": () => import("d3-hexbin"),
  "d3-geo-projection": () => import("d3-geo-projection"),
  he: () => import("he"),
  htl: () => import("htl"),
  katex: () => import("katex"),
  "topojson-client": () => import("topojson-client"),
  versor: () => import("versor"),
};

/**
 * The package a specifier names, or undefined when it names none: `npm:NAME[@v][/path]`, a jsDelivr
 * `/npm/NAME[@v]/+esm` URL, or a bare `NAME[@v][/path]`. The d3 modules (`d3-geo`, `d3-delaunay`, …)
 * are all inside d3, so they resolve to it unless installed on their own.
 */
export function packageName(specifier: string): string | undefined {
  const cdn = /^https:\/\/cdn\.jsdelivr\.net\/npm\/(.+?)(?:\/\+esm)?$/.exec(specifier);
  const bare = cdn ? cdn[1] : specifier.startsWith("npm:") ? specifier.slice(4) : specifier;
  if (/^(\.|\/|[a-z]+:)/i.test(bare)) return undefined;
  const match = /^((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/.exec(bare);
  return match?.[1];
}

/** Load an installed package by the name a specifier gives, or fail saying crossexam is offline. */
export async function loadPackage(specifier: string, extra: Record<string, unknown> = {}): Promise<unknown> {
  const name = packageName(specifier);
  if (name !== undefined && Object.hasOwn(extra, name)) return extra[name];
  if (name !== undefined && Object.hasOwn(PACKAGES, name)) return PACKAGES[name]();
  if (name !== undefined && /^d3-[a-z-]+$/.test(name)) return PACKAGES.d3();
  throw new Error(`offline: cannot load ${specifier}; crossexam runs without a network and has these packages: `
    + `${[...Object.keys(extra), ...Object.keys(PACKAGES)].join(", ")}`);
}
