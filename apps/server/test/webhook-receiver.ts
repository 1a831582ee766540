/**
 * A real HTTP receiver of webhooks on 127.0.0.1 for tests and the benchmark: it records every
 * request and answers as the test says (status, body, delay).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string; at: number };
export type Answer = { status: number; body?: string; delayMs?: number };

export type Receiver = {
  url: string;
  received: Received[];
  /** Distinct `Yhteys-Delivery` ids answered with 2xx: what a receiver that dedupes has taken in. */
  accepted: Set<string>;
  close: () => Promise<void>;
};

/** Starts a receiver; `answer` decides each response (default 200). */
export async function startReceiver(answer: (request: Received, index: number) => Answer = () => ({ status: 200 })): Promise<Receiver> {
  const received: Received[] = [];
  const accepted = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const index = received.push(request) - 1;
      const { status, body = "", delayMs = 0 } = answer(request, index);
      setTimeout(() => {
        if (status >= 200 && status < 300) accepted.add(String(req.headers["yhteys-delivery"]));
        res.writeHead(status, { "content-type": "text/plain" }).end(body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
