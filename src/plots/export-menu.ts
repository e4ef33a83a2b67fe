// The small download menu on every explanation plot: the picture as SVG or PNG, the result as CSV
// or JSON. The menu is plain DOM built in the plot's own document (a <details> in the top right
// corner), so it renders headless too; the downloads themselves need a browser (Blob, object URLs,
// a canvas for PNG) and are looked up only when a button is clicked.
import { explanationTable, toCsv, toJson } from "./export-table";

export type ExportFormat = "svg" | "png" | "csv" | "json";

const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: "svg", label: "SVG", title: "the plot as an SVG picture" },
  { format: "png", label: "PNG", title: "the plot as a PNG image (2× resolution)" },
  { format: "csv", label: "CSV", title: "the result as a table (one row per model and item)" },
  { format: "json", label: "JSON", title: "the result as plain JSON, as the cell holds it" },
];

const SVG_NS = "http://www.w3.org/2000/svg";

/** The plot's main SVG (the largest one: legends are small SVGs too). */
export function mainSvg(root: Element): SVGSVGElement | undefined {
  const all = root.namespaceURI === SVG_NS && root.tagName.toLowerCase() === "svg" ? [root] : Array.from(root.querySelectorAll("svg"));
  const area = (s: Element) => Number(s.getAttribute("width") ?? 0) * Number(s.getAttribute("height") ?? 0);
  return (all as SVGSVGElement[]).sort((a, b) => area(b) - area(a))[0];
}

/** The SVG text of the plot, standalone (namespaces and the page's font declared). */
export function svgText(root: Element): string {
  const svg = mainSvg(root);
  if (!svg) throw new Error("this plot has no SVG to export");
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  if (!copy.getAttribute("font-family")) copy.setAttribute("font-family", "system-ui, sans-serif");
  // the plot's own window serialises (a jsdom document in Node has no global XMLSerializer)
  const Serializer = root.ownerDocument.defaultView?.XMLSerializer ?? globalThis.XMLSerializer;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new Serializer().serializeToString(copy)}\n`;
}

/** What a format's file holds, as text (PNG is drawn from the SVG in the browser). */
export function exportText(format: Exclude<ExportFormat, "png">, root: Element, results: unknown): string {
  switch (format) {
    case "svg": return svgText(root);
    case "csv": return toCsv(explanationTable(results));
    case "json": return toJson(results);
  }
}

function download(doc: Document, name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function pngBlob(root: Element): Promise<Blob> {
  const svg = mainSvg(root)!;
  const width = Number(svg.getAttribute("width")) || svg.clientWidth || 640;
  const height = Number(svg.getAttribute("height")) || svg.clientHeight || 400;
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([svgText(root)], { type: "image/svg+xml" }));
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext("2d")!;
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(image.src);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be drawn"))), "image/png"));
}

async function save(format: ExportFormat, root: Element, results: unknown, name: string): Promise<void> {
  const doc = root.ownerDocument;
  if (format === "png") return download(doc, `${name}.png`, await pngBlob(root));
  const type = { svg: "image/svg+xml", csv: "text/csv", json: "application/json" }[format];
  download(doc, `${name}.${format}`, new Blob([exportText(format, root, results)], { type }));
}

/** A file name from the results: kind, feature, model (`pdp-Income-gbm`). */
export function exportName(results: unknown): string {
  const first = (Array.isArray(results) ? results[0] : results) as { kind?: string; feature?: string; model?: string; pdp?: { kind: string; feature?: string; model: string } } | undefined;
  const e = first?.pdp ?? first;
  const parts = [e?.kind ?? "explanation", e?.feature, Array.isArray(results) && results.length > 1 ? `${results.length}-models` : e?.model];
  return parts.filter(Boolean).join("-").replace(/[^\w.-]+/g, "_");
}

/**
 * Put the download menu on a plot. A bare SVG is wrapped in a <figure> so the menu can sit beside
 * it; the plot's own markup is left as it is.
 */
export function withExportMenu(plot: SVGSVGElement | HTMLElement, results: unknown): SVGSVGElement | HTMLElement {
  const doc = plot.ownerDocument;
  let root: HTMLElement;
  if (plot.namespaceURI === SVG_NS) {
    root = doc.createElement("figure");
    root.style.margin = "0";
    root.append(plot);
  } else root = plot as HTMLElement;
  root.style.position = "relative";
  const name = exportName(results);
  const menu = doc.createElement("details");
  menu.className = "cx-export";
  menu.setAttribute("style", "position:absolute;top:0;right:0;font:12px system-ui,sans-serif;z-index:1;text-align:right");
  const summary = doc.createElement("summary");
  summary.textContent = "⤓";
  summary.title = "Download this plot or its result";
  summary.setAttribute("aria-label", "Download this plot or its result");
  summary.setAttribute("style", "cursor:pointer;list-style:none;padding:0 4px;color:#666");
  menu.append(summary);
  const list = doc.createElement("div");
  list.setAttribute("style", "display:flex;flex-direction:column;gap:2px;background:white;border:1px solid #ddd;padding:4px;border-radius:3px");
  for (const f of FORMATS) {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = f.label;
    button.title = `Download ${f.title}`;
    button.dataset.export = f.format;
    button.addEventListener("click", (event) => {
      event.stopPropagation(); // a click in the menu is not a click on the plot (panels select on clicks)
      menu.open = false;
      void save(f.format, root, results, name).catch((error) => { button.title = `Download failed: ${(error as Error).message}`; });
    });
    list.append(button);
  }
  menu.append(list);
  root.append(menu);
  return root;
}
