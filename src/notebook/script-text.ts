// Responsible for: deciding whether a cell's text can be written as the raw text of a
// `<script>` element and read back unchanged, by following the HTML tokenizer's script-data
// states (https://html.spec.whatwg.org/#script-data-state). Pure string functions, no DOM.
//
// Why it matters: inside <script>, `</script` followed by a space, `/` or `>` ends the element,
// and `<!--` … `<script>` with no `-->` puts the tokenizer in the "double escaped" state, where
// the real `</script>` no longer ends it — the rest of the notebook is swallowed into one cell.
// Notebook Kit escapes `</script` + space/`>` as `<\/script` (and undoes it on reading); that
// cannot express `</script/`, nor stop an unclosed `<!--<script>`. Cells it cannot express are
// written another way by the serializer (see format.ts).

/** Notebook Kit's own escape, byte for byte: `<` + backslashes + `/script` + space or `>` gains one backslash. */
export function escapeScriptText(value: string): string {
  return value.replace(/<(?=\\*\/script(\s|>))/gi, "<\\");
}

/** Notebook Kit's unescape (what `deserialize` applies to a script's text). */
export function unescapeScriptText(text: string): string {
  return text.replace(/<\\(?=\\*\/script(\s|>))/gi, "<");
}

/** Notebook Kit's indentation of a cell's text inside its `<script>` (lines of only spaces become empty). */
export function indentCellText(text: string): string {
  const lines = text.split(/\r\n?|\n/);
  return `\n${lines.map((l) => (l.trim() ? `    ${l}` : "")).join("\n")}\n  `;
}

/**
 * A cell's text as the file format keeps it: line breaks become `\n` and lines holding only
 * white space become empty (Notebook Kit's indentation does both). Saving compares the cells
 * read back from the file with this form of what the editor sent.
 */
export function storedCellText(value: string): string {
  return value.split(/\r\n?|\n/).map((l) => (l.trim() ? l : "")).join("\n");
}

// HTML's white space inside tags: tab, line feed, form feed, carriage return, space.
const TAG_END = /^[\t\n\f\r />]/;

function isScriptTag(text: string, at: number): boolean {
  // `script` (any case) right at `at`, followed by white space, `/` or `>`
  return text.slice(at, at + 6).toLowerCase() === "script" && TAG_END.test(text.charAt(at + 6));
}

/**
 * Where the tokenizer ends a `<script>` element whose raw text starts with `text`, followed by
 * our closing `</script>`: the index of the `<` of the end tag that closes it, or -1 if the
 * closing tag does not close it (the element would run on into what follows).
 */
export function scriptEnd(text: string): number {
  const s = `${text}</script>`;
  type State = "data" | "escaped" | "double";
  let state: State = "data";
  let dashes = 0; // consecutive `-` just read, in the escaped states (`-->` leaves them)
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (state === "data") {
      if (c !== "<") continue;
      if (s.startsWith("<!--", i)) { state = "escaped"; dashes = 2; i += 3; continue; }
      if (s[i + 1] === "/" && isScriptTag(s, i + 2)) return i;
      continue;
    }
    if (c === "-") { dashes++; continue; }
    if (c === ">" && dashes >= 2) { state = "data"; dashes = 0; continue; }
    dashes = 0;
    if (c !== "<") continue;
    if (state === "escaped") {
      if (s[i + 1] === "/" && isScriptTag(s, i + 2)) return i;
      if (isScriptTag(s, i + 1)) { state = "double"; i += 7; } // `<script` and the character that ends the name
    } else if (s[i + 1] === "/" && isScriptTag(s, i + 2)) {
      state = "escaped"; i += 8; // `</script` and the character after it stay text
    }
  }
  return -1;
}

/** True when `text` (a script's raw text, indentation included) ends exactly where we close the element. */
export function safeAsScriptText(text: string): boolean {
  return scriptEnd(text) === text.length;
}
