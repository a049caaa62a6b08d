import { spawnSync } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { onTestFinished } from "vitest";

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Answer this status to what comes next (200 by default). */
  answer(status: number): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 standing in for ntfy, a webhook or Apprise's json:// target:
 * it records what it gets, answers at once, takes at most `limit` requests and closes when the
 * test ends. Tests start kakotrack with runAsync, so this process keeps answering meanwhile.
 */
export async function receiver(port = 0, limit = 200): Promise<Receiver> {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (d: string) => (body += d));
    req.on("end", () => {
      if (received.length >= limit) return void res.writeHead(429).end();
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as { port: number }).port;
  let closed = false;
  const close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onTestFinished(close);
  return { url: `http://127.0.0.1:${bound}`, port: bound, received, answer: (s) => (status = s), close };
}

/** A port nothing listens on (a server down): bound, then closed. */
export async function downPort(): Promise<number> {
  const r = await receiver();
  await r.close();
  return r.port;
}

/** Whether Debian's apprise command is here (.ci/run installs it as root). */
export const hasApprise = spawnSync("apprise", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasApprise)
  console.warn(
    "notify: no apprise command here, so its end-to-end case is skipped (.ci/run installs Debian's apprise as root)",
  );
