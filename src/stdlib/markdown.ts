// The `md` tag of markdown cells: Markdown rendered to a <div>, interpolated DOM nodes (and arrays
// of them) kept as nodes, relative URLs resolved against the notebook.
import MarkdownIt from "markdown-it";
import { resolveRelativeUrls } from "./relative-urls";

const markdown = new MarkdownIt({ html: true, linkify: true });

export function markdownTag(base?: URL) {
  return function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement {
    const nodes: Node[] = [];
    const slot = (node: Node) => { nodes.push(node); return `<span data-crossexam-slot="${nodes.length - 1}"></span>`; };
    let source = strings[0];
    values.forEach((value, i) => {
      if (isNode(value)) source += slot(value);
      else if (Array.isArray(value) && value.some(isNode)) source += value.map((v) => (isNode(v) ? slot(v) : String(v))).join("");
      else source += value === undefined || value === null ? "" : String(value);
      source += strings[i + 1];
    });
    const root = document.createElement("div");
    root.className = "markdown";
    root.innerHTML = markdown.render(source);
    if (base) resolveRelativeUrls(root, base);
    for (const el of Array.from(root.querySelectorAll("[data-crossexam-slot]"))) {
      el.replaceWith(nodes[Number(el.getAttribute("data-crossexam-slot"))]);
    }
    return root;
  };
}

export const md = markdownTag();

function isNode(value: unknown): value is Node {
  return typeof Node !== "undefined" && value instanceof Node;
}
