// The shell's side of the dev server's write endpoints (src/server/vite-plugin.ts). Every write
// carries the session token, which only the shell's origin can fetch (docs/SECURITY.md); notebook
// code runs in the frame, on another origin, and can neither read the token nor send a write.
// Every write also sends the cells along with the text, so the server can refuse text that would
// not read back as them.
import type { Cell } from "../notebook/types";

export type WriteResult =
  | { ok: true; path: string; hash: string }
  | { ok: false; status: number; error: string; currentHash?: string };

/** Save over `path`, provided it is still the version `baseHash`; a 409 means it changed on disk. */
export function saveNotebookText(path: string, text: string, baseHash: string, cells?: readonly Cell[]): Promise<WriteResult> {
  return post("api/notebooks/save", { path, text, baseHash, cells: cells && sent(cells) });
}

/** Write a new notebook named after `name`; a 409 means a file of that name exists. */
export function createNotebookFile(name: string, text: string, cells?: readonly Cell[]): Promise<WriteResult> {
  return post("api/notebooks/create", { name, text, cells: cells && sent(cells) });
}

/** Write a user's file to `data/<folder>/<name>` (the explore form); a 409 means other bytes are there. */
export function uploadDataFile(folder: string, name: string, bytes: Uint8Array): Promise<WriteResult> {
  return post("api/data/upload", { folder, name, base64: toBase64(bytes) });
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function sent(cells: readonly Cell[]): { id: number; mode: string; value: string }[] {
  return cells.map(({ id, mode, value }) => ({ id, mode, value }));
}

let token: Promise<string> | undefined;

/** The dev server's session token, fetched once from the shell's own origin. */
function sessionToken(): Promise<string> {
  token ??= fetch(new URL("api/session", document.baseURI), { cache: "no-store" }).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok || typeof body.token !== "string") throw new Error(body.error ?? `HTTP ${r.status}`);
    return body.token as string;
  });
  token.catch(() => { token = undefined; });
  return token;
}

async function post(endpoint: string, body: unknown): Promise<WriteResult> {
  let response: Response;
  try {
    const secret = await sessionToken();
    response = await fetch(new URL(endpoint, document.baseURI), {
      method: "POST", headers: { "Content-Type": "application/json", "X-Crossexam-Token": secret }, body: JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, status: 0, error: `the dev server did not answer (${(error as Error).message}); your edits are kept in this browser` };
  }
  const reply = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (response.ok) return { ok: true, path: reply.path, hash: reply.hash };
  return { ok: false, status: response.status, error: reply.error ?? `HTTP ${response.status}`, currentHash: reply.currentHash };
}
