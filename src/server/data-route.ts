// POST /api/data/upload {folder, name, base64}: the dev server's route for the gallery's
// "Explore a model" form. The same guards as notebook saves (json-route.ts: the shell's
// Host and Origin, its session token, a JSON body), then the data store's own (data-store.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { DataStore, DataStoreError, MAX_DATA_BYTES } from "./data-store.ts";
import { guardWrite, JsonRouteError, readJsonObject, replyJson } from "./json-route.ts";

// base64 is 4/3 of the bytes; the rest of the JSON is a few names
const MAX_BODY = Math.ceil((MAX_DATA_BYTES * 4) / 3) + 4096;

export async function uploadRoute(store: DataStore, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!guardWrite(req, res, token)) return;
  try {
    const body = await readJsonObject(req, MAX_BODY, `the file is larger than ${MAX_DATA_BYTES / 1024 / 1024} MB`);
    replyJson(res, 200, await store.write(body as never));
  } catch (error) {
    if (error instanceof DataStoreError || error instanceof JsonRouteError) return replyJson(res, error.status, { error: error.message });
    replyJson(res, 500, { error: `the file was not written: ${(error as Error).message}` });
  }
}
