/**
 * Virus scanning of attachments. With `CLAMAV_URL` set, every file is sent to clamd over its
 * INSTREAM protocol before it is served (a PDF before it is stored, a photo once cleaned, in the
 * photo-cleaning job); without it files are stored as `skipped` (not scanned).
 */
import { connect } from "node:net";
import type { ScanStatus } from "@yhteys/contracts";

/** The outcome of scanning one file; `signature` names what was found. */
export type ScanResult = { status: Extract<ScanStatus, "clean" | "infected" | "skipped">; signature?: string };

/** Scans file contents. Throws when the scanner cannot be reached or fails. */
export interface Scanner {
  scan(data: Buffer): Promise<ScanResult>;
}

/** Used when no scanner is configured: every file is `skipped`. */
const noScanner: Scanner = { scan: async () => ({ status: "skipped" }) };

/** The scanner `CLAMAV_URL` configures, or none. */
export const configuredScanner = (clamavUrl: string | undefined): Scanner => (clamavUrl ? new ClamavScanner(clamavUrl) : noScanner);

/** clamd's default StreamMaxLength is 25 MB; chunks are far smaller so that memory stays flat. */
const CHUNK = 64 * 1024;

/**
 * The INSTREAM request for `data`: the command `zINSTREAM\0`, then chunks each prefixed by its
 * length as a 4-byte big-endian integer, then a zero length that ends the stream.
 */
export function instreamFrames(data: Buffer, chunkSize = CHUNK): Buffer[] {
  const frames: Buffer[] = [Buffer.from("zINSTREAM\0")];
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    const chunk = data.subarray(offset, offset + chunkSize);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    frames.push(length, chunk);
  }
  frames.push(Buffer.alloc(4));
  return frames;
}

/** Reads clamd's answer to INSTREAM: `stream: OK`, `stream: <name> FOUND` or `… ERROR`. */
export function parseClamdReply(reply: string): ScanResult {
  const text = reply.replace(/\0+$/, "").trim();
  if (/^stream: OK$/.test(text)) return { status: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found?.[1]) return { status: "infected", signature: found[1] };
  throw new Error(`clamd answered: ${text || "(nothing)"}`);
}

/** A scanner that talks to clamd over TCP (`tcp://host:port`). */
export class ClamavScanner implements Scanner {
  private readonly host: string;
  private readonly port: number;

  constructor(
    url: string,
    private readonly timeoutMs = 30_000,
  ) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port || 3310);
  }

  scan(data: Buffer): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const answer: Buffer[] = [];
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error("clamd did not answer in time")));
      socket.once("error", reject);
      socket.on("data", (chunk: Buffer) => answer.push(chunk));
      socket.once("end", () => {
        try {
          resolve(parseClamdReply(Buffer.concat(answer).toString("utf8")));
        } catch (e) {
          reject(e);
        }
      });
      socket.once("connect", () => {
        for (const frame of instreamFrames(data)) socket.write(frame);
      });
    });
  }
}
