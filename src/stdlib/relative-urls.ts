// Markdown and html cells name files relative to their notebook (`<img src="./videos/x.webp">`,
// `<link rel=stylesheet href="./style.css">`), but the page that shows a notebook is not in the
// notebook's folder (the editor is /notebook.html?path=…). Each relative URL in what such a cell
// renders is resolved against the notebook's own URL, so it loads in the editor, the view and the
// published site alike. `sourceUrls` lists the same URLs from a cell's source, for `crossexam build`.

const ATTRIBUTES = ["src", "href", "poster", "data"] as const;

/** Whether a URL is relative to the document (not absolute, not rooted, not a fragment or query alone). */
export function isRelativeUrl(url: string): boolean {
  return url !== "" && !/^([a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(url.trim()) && !url.includes("${");
}

/** Rewrite the relative URLs under `root` (src, href, poster, data, srcset) to absolute ones against `base`. */
export function resolveRelativeUrls<T extends Node>(root: T, base: URL): T {
  if (!(root instanceof Element) && !(typeof DocumentFragment !== "undefined" && root instanceof DocumentFragment)) return root;
  const elements = [...(root instanceof Element ? [root] : []), ...root.querySelectorAll("[src], [href], [poster], [data], [srcset]")];
  for (const el of elements) {
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value !== null && isRelativeUrl(value)) el.setAttribute(name, new URL(value, base).href);
    }
    const srcset = el.getAttribute("srcset");
    if (srcset !== null) {
      el.setAttribute("srcset", srcset.split(",").map((part) => {
        const [url, ...rest] = part.trim().split(/\s+/);
        return [isRelativeUrl(url) ? new URL(url, base).href : url, ...rest].join(" ");
      }).join(", "));
    }
  }
  return root;
}

/** Relative URLs a markdown or html cell's source names: attributes and Markdown links and images. */
export function sourceUrls(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/\b(?:src|href|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) found.add(m[1] ?? m[2]);
  for (const m of source.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.add(m[1]);
  return [...found].filter(isRelativeUrl).map((u) => u.split(/[?#]/)[0]).filter(Boolean);
}
