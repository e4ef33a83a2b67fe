// Where JSON text first goes wrong. Node 20's JSON.parse messages often omit the position,
// so on failure (only then) we walk the text once with a small recursive-descent checker.

export interface JsonSyntaxProblem {
  /** 1-based line and column */
  line: number;
  column: number;
  /** what the checker expected or found there */
  problem: string;
}

class Stop {
  constructor(readonly at: number, readonly problem: string) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax problem in `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && " \t\n\r".includes(text[i])) i++; };
  const fail = (problem: string): never => { throw new Stop(i, problem); };
  const found = () => (i >= n ? "the end of the text" : `\`${text[i]}\``);

  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail("a string that is never closed");
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return; }
      if (c === 92) { i += 2; continue; }
      if (c < 0x20) fail("a line break or control character inside a string");
      i++;
    }
  };
  const value = (depth: number): void => {
    ws();
    if (depth > 10000) fail("nesting too deep");
    const c = text[i];
    if (c === "{") {
      i++; ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`a property name in double quotes, found ${found()}`);
        string(); ws();
        if (text[i] !== ":") fail(`\`:\` after a property name, found ${found()}`);
        i++;
        value(depth + 1); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail(`\`,\` or \`}\` in an object, found ${found()}`);
      }
    }
    if (c === "[") {
      i++; ws();
      if (text[i] === "]") { i++; return; }
      for (;;) {
        value(depth + 1); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail(`\`,\` or \`]\` in an array, found ${found()}`);
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) { i += m[0].length; return; }
    fail(`a value, found ${found()}`);
  };

  try {
    value(0); ws();
    if (i < n) fail(`the end of the text after the JSON value, found ${found()}`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split("\n").length;
    const column = e.at - (before.lastIndexOf("\n") + 1) + 1;
    return { line, column, problem: `expected ${e.problem}` };
  }
}
