// What can be told of a notebook file from its text alone, without parsing it (no DOM, no Notebook
// Kit): the headless runner's watchdog refuses a file that cannot be a notebook before it starts
// a worker thread for it, which costs seconds.

export const NOT_A_NOTEBOOK = "not a notebook: the file has no <notebook> element";

/**
 * False when `text` certainly holds no `<notebook>` element: an HTML parser makes one only from a
 * start tag `<notebook` (any case) followed by a space, `/` or `>`. True does not mean it parses.
 */
export function mayHoldNotebook(text: string): boolean {
  return /<notebook[\s/>]/i.test(text);
}
