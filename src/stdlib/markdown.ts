// The `md` tag of markdown cells: Markdown rendered to a <div>, interpolated DOM nodes kept as nodes.
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: true, linkify: true });

export function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement {
  const nodes: Node[] = [];
  let source = strings[0];
  values.forEach((value, i) => {
    if (isNode(value)) {
      nodes.push(value);
      source += `<span data-crossexam-slot="${nodes.length - 1}"></span>`;
    } else {
      source += value === undefined || value === null ? "" : String(value);
    }
    source += strings[i + 1];
  });
  const root = document.createElement("div");
  root.className = "markdown";
  root.innerHTML = markdown.render(source);
  for (const slot of Array.from(root.querySelectorAll("[data-crossexam-slot]"))) {
    slot.replaceWith(nodes[Number(slot.getAttribute("data-crossexam-slot"))]);
  }
  return root;
}

function isNode(value: unknown): value is Node {
  return typeof Node !== "undefined" && value instanceof Node;
}
