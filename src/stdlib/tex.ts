// `tex`: TeX rendered with KaTeX, bundled (Notebook Kit loads it from a CDN). `tex.block` is
// display mode; `tex.options({…})` makes a renderer with KaTeX options. The stylesheet is the
// host's business (the browser page imports katex.min.css).
import katex from "katex";

type Renderer = (strings: TemplateStringsArray | string, ...values: unknown[]) => HTMLElement;

function renderer(options: katex.KatexOptions = {}): Renderer {
  return (strings, ...values) => {
    const source = typeof strings === "string" ? strings : String.raw({ raw: strings.raw ?? strings }, ...values);
    const root = document.createElement("div");
    katex.render(source, root, { throwOnError: false, ...options, output: "html" });
    return root.removeChild(root.firstChild!) as HTMLElement;
  };
}

export const tex = Object.assign(renderer(), {
  options: renderer,
  block: renderer({ displayMode: true }),
});
