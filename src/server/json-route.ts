// What every JSON write route of the dev server shares: the write guard (request-guard.ts) answered
// as a JSON refusal, a size-limited body read as one JSON object, and JSON replies that are never
// cached. The routes (vite-plugin.ts's notebook saves, data-route.ts's uploads) keep only their own work.
import type { IncomingMessage, ServerResponse } from "node:http";
import { refuseWrite } from "./request-guard.ts";

/** A request the route refuses, with the HTTP status to answer. */
export class JsonRouteError extends Error {
  override name = "JsonRouteError";
  constructor(message: string, readonly status: 400 | 413) {
    super(message);
  }
}

/** Answers the refusal and returns false when `req` may not write; true when it may proceed. */
export function guardWrite(req: IncomingMessage, res: ServerResponse, token: string): boolean {
  const refused = refuseWrite(req, token);
  if (refused) replyJson(res, refused.status, { error: refused.message });
  return !refused;
}

/** The request body as a JSON object, refused past `maxBytes` (declared or sent) with `tooLarge`. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number, tooLarge: string): Promise<Record<string, unknown>> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) throw new JsonRouteError(tooLarge, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new JsonRouteError(tooLarge, 413);
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
    return value;
  } catch (error) {
    throw new JsonRouteError(`the request body is not a JSON object: ${(error as Error).message}`, 400);
  }
}

export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}
