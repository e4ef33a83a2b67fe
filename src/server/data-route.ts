// POST /api/data/upload {folder, name, base64}: the dev server's route for the gallery's
// "Explore a model" form. The same guards as notebook saves (request-guard.ts: the shell's
// Host and Origin, its session token, JSON), then the data store's own (data-store.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { DataStore, DataStoreError, MAX_DATA_BYTES } from "./data-store.ts";
import { refuseWrite } from "./request-guard.ts";

export async function uploadRoute(store: DataStore, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refused = refuseWrite(req, token);
  if (refused) return reply(res, refused.status, { error: refused.message });
  try {
    reply(res, 200, await store.write(await readBody(req) as never));
  } catch (error) {
    if (error instanceof DataStoreError) return reply(res, error.status, { error: error.message });
    reply(res, 500, { error: `the file was not written: ${(error as Error).message}` });
  }
}

// base64 is 4/3 of the bytes; the rest of the JSON is a few names
const MAX_BODY = Math.ceil((MAX_DATA_BYTES * 4) / 3) + 4096;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY) throw new DataStoreError(`the file is larger than ${MAX_DATA_BYTES / 1024 / 1024} MB`, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new DataStoreError(`the file is larger than ${MAX_DATA_BYTES / 1024 / 1024} MB`, 413);
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (value === null || typeof value !== "object") throw new Error("not an object");
    return value;
  } catch (error) {
    throw new DataStoreError(`the request body is not a JSON object: ${(error as Error).message}`, 400);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}
