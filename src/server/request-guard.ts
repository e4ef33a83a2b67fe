// Who may write notebooks through the dev server: only the shell's own pages, never notebook code.
// The shell (gallery, editor chrome, Save) is served on 127.0.0.1; a notebook's cells run in a
// frame served on `localhost` — another origin and another site, so another process too (see
// docs/SECURITY.md). A write must name the shell's Host, come from the shell's Origin
// (Sec-Fetch-Site same-origin) and carry the per-server secret token, which the server hands
// only to the shell origin's own same-origin requests. The frame can read none of that: a fetch
// from it carries Origin http://localhost:PORT, and the token route answers it 403.
// A page on another site (cross-site request forgery) and a rebound DNS name fail the same checks.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The shell's host name: the dev server listens here and the editor lives here. */
export const SHELL_HOSTNAME = "127.0.0.1";
/** The notebook frame's host name: the same server, another origin and site. */
export const FRAME_HOSTNAME = "localhost";
/** The header that carries the token on writes. */
export const TOKEN_HEADER = "x-crossexam-token";

type Request = Pick<IncomingMessage, "headers" | "method">;
export type Refusal = { status: number; message: string };

/** A fresh secret for one server run (the shell fetches it; nothing else may). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The host name a request addressed (Host header without the port), lower-cased. */
export function hostnameOf(req: Pick<IncomingMessage, "headers">): string {
  return (header(req, "host") ?? "").toLowerCase().replace(/:\d+$/, "");
}

/** Why a write request is refused (with its HTTP status), or undefined when it may proceed. */
export function refuseWrite(req: Request, token: string): Refusal | undefined {
  if (req.method !== "POST") return { status: 405, message: "use POST" };
  const refused = refuseShellOnly(req);
  if (refused) return refused;
  const origin = header(req, "origin");
  const host = header(req, "host") ?? "";
  if (origin === undefined) return { status: 403, message: "a write must come from the notebook page (no Origin header)" };
  if (origin !== `http://${host}` && origin !== `https://${host}`) return { status: 403, message: `cross-origin writes are refused (Origin ${origin} is not this server's shell)` };
  if (!sameSecret(header(req, TOKEN_HEADER), token)) return { status: 403, message: "a write must carry the editor's session token (only the editor's own pages hold it)" };
  const type = header(req, "content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return { status: 415, message: "send the request as application/json" };
  return undefined;
}

/** Why a request for the token (or another shell-only answer) is refused, or undefined. */
export function refuseShellOnly(req: Pick<IncomingMessage, "headers">): Refusal | undefined {
  const host = header(req, "host") ?? "";
  const hostname = hostnameOf(req);
  if (hostname === FRAME_HOSTNAME) return { status: 403, message: `notebook code (served on ${FRAME_HOSTNAME}) cannot reach the editor's routes` };
  if (hostname !== SHELL_HOSTNAME) return { status: 403, message: `notebooks are written only through http://${SHELL_HOSTNAME} (Host was "${host}")` };
  const site = header(req, "sec-fetch-site");
  if (site !== undefined && site !== "same-origin") return { status: 403, message: `cross-site requests are refused (Sec-Fetch-Site: ${site})` };
  const origin = header(req, "origin");
  if (origin !== undefined && origin !== `http://${host}`) return { status: 403, message: `cross-origin requests are refused (Origin ${origin})` };
  return undefined;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(req: Pick<IncomingMessage, "headers">, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
