// Markdown and html cells resolve relative URLs against the notebook, not the page showing it.
import { describe, expect, test } from "vitest";
import { installDomGlobals } from "../../src/runtime/node-host";
import { isRelativeUrl, resolveRelativeUrls, sourceUrls } from "../../src/stdlib/relative-urls";
import { markdownTag } from "../../src/stdlib/markdown";

installDomGlobals();
const base = new URL("http://127.0.0.1:5173/notebooks/docs/guide.html");

describe("relative URLs in rendered cells", () => {
  test("md resolves images, links and stylesheets against the notebook's folder", () => {
    const md = markdownTag(base);
    const root = md`![x](./videos/open.webp) [kit](../kit.html) [ext](https://example.org/a) [top](#top)
<link rel="stylesheet" href="./style.css">`;
    expect(root.querySelector("img")!.getAttribute("src")).toBe("http://127.0.0.1:5173/notebooks/docs/videos/open.webp");
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "http://127.0.0.1:5173/notebooks/kit.html", "https://example.org/a", "#top",
    ]);
    expect(root.querySelector("link")!.getAttribute("href")).toBe("http://127.0.0.1:5173/notebooks/docs/style.css");
  });

  test("srcset entries are each resolved; rooted, absolute, data: and fragment URLs are left alone", () => {
    const div = document.createElement("div");
    div.innerHTML = `<img srcset="a.png 1x, /b.png 2x"><img src="data:,"><use href="#clip"></use><img src="/root.png">`;
    resolveRelativeUrls(div, base);
    const imgs = div.querySelectorAll("img");
    expect(imgs[0].getAttribute("srcset")).toBe("http://127.0.0.1:5173/notebooks/docs/a.png 1x, /b.png 2x");
    expect(imgs[1].getAttribute("src")).toBe("data:,");
    expect(imgs[2].getAttribute("src")).toBe("/root.png");
    expect(div.querySelector("use")!.getAttribute("href")).toBe("#clip");
    expect(isRelativeUrl("./x")).toBe(true);
    expect(isRelativeUrl("mailto:a@b")).toBe(false);
  });

  test("sourceUrls lists what a cell's source names, for publishing", () => {
    expect(sourceUrls(`<img src="./v/a.webp"> ![c](chart.png "t") [p](./page) <a href="https://x.org">x</a>`))
      .toEqual(["./v/a.webp", "chart.png", "./page"]);
  });
});
