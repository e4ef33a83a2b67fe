// DuckDB's error, as a cell shows it: the message DuckDB wrote, the cell's line (the query text has
// the cell's own lines, so DuckDB's "LINE n" is the cell's line n), and for a table it cannot find,
// the names this notebook has registered, so the reader sees what the query could have named.

export class SqlError extends Error {
  override name = "SqlError";
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

export function sqlError(error: unknown, registered: string[]): SqlError {
  const raw = readable(error instanceof Error ? error.message : String(error));
  const line = /\bLINE (\d+):/.exec(raw);
  // DuckDB follows the message with hints and a caret drawing of the line (twice, for parser errors)
  const [first, ...rest] = raw.split(/\n\s*\n?LINE \d+:/)[0].split("\n").map((s) => s.trim()).filter(Boolean);
  let message = first ?? raw;
  const missing = /Table with name (.+?) does not exist/.exec(message);
  if (missing) {
    // DuckDB suggests the nearest name in its whole catalog (often an internal one, "pg_enum"): keep
    // its guess only when it is a table this notebook registered
    const guess = rest.map((s) => /Did you mean "(.+?)"/.exec(s)?.[1]).find((g) => g && registered.includes(g));
    message = message.replace(/!$/, "");
    message += guess ? `; did you mean "${guess}"?` : "";
    message += registered.length
      ? `. Tables this notebook registered: ${registered.join(", ")}`
      : ". This notebook registered no tables yet";
    message += ` (a cell's arquero table by its name, a file by its quoted name: FROM 'data.csv')`;
  } else if (/\bextension\b/i.test(message)) {
    // duckdb-wasm keeps its Parquet and JSON readers in extensions it would download
    message += ". crossexam loads no DuckDB extensions (nothing is downloaded); name a data file in quotes instead, FROM 'data.parquet', and crossexam reads it";
  } else {
    message += rest.length ? ` (${rest.join(" ")})` : "";
  }
  return new SqlError(line ? `${message} at line ${line[1]}` : message, line ? Number(line[1]) : undefined);
}

// some DuckDB errors arrive as JSON ({"exception_type":"Catalog","exception_message":"…"})
function readable(raw: string): string {
  if (!raw.startsWith("{")) return raw;
  try {
    const { exception_type: type, exception_message: message } = JSON.parse(raw) as Record<string, string>;
    return message ? `${type ? `${type} Error: ` : ""}${message}` : raw;
  } catch {
    return raw;
  }
}
