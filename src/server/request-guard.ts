// Who may write notebooks through the dev server: only the page's own origin. A page on another
// site could otherwise make the reader's browser POST to 127.0.0.1 (cross-site request forgery),
// and a rebound DNS name could make it look same-origin — so the Host must be a loopback name too.
import type { IncomingMessage } from "node:http";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Why a write request is refused (with its HTTP status), or undefined when it may proceed. */
export function refuseWrite(req: Pick<IncomingMessage, "headers" | "method">): { status: number; message: string } | undefined {
  if (req.method !== "POST") return { status: 405, message: "use POST" };
  const host = req.headers.host ?? "";
  const hostname = host.replace(/:\d+$/, "");
  if (!LOOPBACK.has(hostname)) return { status: 403, message: `notebooks are written only through a loopback address (Host was "${host}")` };
  const site = header(req, "sec-fetch-site");
  if (site !== undefined && site !== "same-origin") return { status: 403, message: `cross-site writes are refused (Sec-Fetch-Site: ${site})` };
  const origin = header(req, "origin");
  if (origin === undefined) return { status: 403, message: "a write must come from the notebook page (no Origin header)" };
  if (origin !== `http://${host}` && origin !== `https://${host}`) return { status: 403, message: `cross-origin writes are refused (Origin ${origin} is not this server)` };
  const type = header(req, "content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return { status: 415, message: "send the request as application/json" };
  return undefined;
}

function header(req: Pick<IncomingMessage, "headers">, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
