// What a SQL query names, read from its text without a SQL parser: the bare identifiers after
// FROM and JOIN (tables some cell may define) and the quoted file names anywhere in it
// (`FROM 'big.parquet'`, `read_csv('data/x.csv')`). Comments and string contents are skipped, so a
// word inside a string or a comment is never taken for a table. Over-reporting is harmless (a name
// no cell defines is ignored); the database reports what is really missing.

/** File endings a query can name in quotes (`FROM 'x.parquet'`): data files the engine registers. */
export const SQL_FILE_PATTERN = /\.(csv|tsv|parquet|arrow|json)$/i;

export interface SqlReferences {
  /** bare or double-quoted identifiers right after FROM / JOIN (and after commas in a FROM list) */
  tables: string[];
  /** single-quoted strings that end like a data file */
  files: string[];
}

type Token = { kind: "word" | "quoted" | "string" | "punct"; text: string };

export function sqlReferences(sql: string): SqlReferences {
  const tokens = tokenize(sql);
  const tables = new Set<string>();
  const files = new Set<string>();
  let inFrom = false; // after FROM until a keyword ends the table list
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "string" && SQL_FILE_PATTERN.test(t.text)) files.add(t.text);
    if (t.kind === "word" && /^(from|join)$/i.test(t.text)) {
      inFrom = t.text.toLowerCase() === "from";
      const next = tokens[i + 1];
      if (next && (next.kind === "word" || next.kind === "quoted") && !isKeyword(next) && tokens[i + 2]?.text !== ".") {
        if (tokens[i + 2]?.text !== "(") tables.add(next.text); // `FROM read_csv(…)` calls a function
      }
      continue;
    }
    if (inFrom && t.kind === "punct" && t.text === ",") {
      const next = tokens[i + 1];
      if (next && (next.kind === "word" || next.kind === "quoted") && !isKeyword(next) && tokens[i + 2]?.text !== "(") tables.add(next.text);
      continue;
    }
    if (t.kind === "word" && isKeyword(t) && !/^(as)$/i.test(t.text)) inFrom = false;
    if (t.kind === "punct" && t.text === ")") inFrom = false;
  }
  return { tables: [...tables], files: [...files] };
}

const KEYWORDS = new Set([
  "select", "where", "group", "order", "limit", "having", "union", "join", "on", "using", "left", "right", "inner",
  "outer", "full", "cross", "natural", "lateral", "window", "qualify", "offset", "values", "with", "as", "from",
  "except", "intersect", "pivot", "unpivot", "sample", "tablesample", "positional", "asof", "anti", "semi",
]);

function isKeyword(t: Token): boolean {
  return t.kind === "word" && KEYWORDS.has(t.text.toLowerCase());
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "-" && sql[i + 1] === "-") { while (i < sql.length && sql[i] !== "\n") i++; continue; }
    if (c === "/" && sql[i + 1] === "*") { const end = sql.indexOf("*/", i + 2); i = end < 0 ? sql.length : end + 2; continue; }
    if (c === "'" || c === '"') {
      // a doubled quote escapes itself inside both kinds
      let text = "";
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === c) { if (sql[j + 1] === c) { text += c; j++; continue; } break; }
        text += sql[j];
      }
      out.push({ kind: c === "'" ? "string" : "quoted", text });
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][\w$]*/.exec(sql.slice(i, i + 256));
    if (word) { out.push({ kind: "word", text: word[0] }); i += word[0].length; continue; }
    out.push({ kind: "punct", text: c });
    i++;
  }
  return out;
}
