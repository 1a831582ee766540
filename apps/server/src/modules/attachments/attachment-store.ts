/**
 * Where attachment bytes live. The local-disk store is the default; an S3-compatible store can
 * implement the same interface for production installations with several app servers.
 */
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { notFound } from "../../http/errors.ts";

/** Keys are made by the server (`<org>/<ticket>/<id>[.thumb]`), never from user input. */
const KEY = /^[0-9a-f-]{36}(\/[0-9a-f-]{36}){2}(\.thumb)?$|^quarantine\/[0-9a-f-]{36}(\/[0-9a-f-]{36}){2}$/;

/** The key of a ticket's file; `quarantine/` keys hold files that are never served. */
export const storageKeyOf = (ticket: { id: string; organisationId: string }, id: string, quarantined: boolean) =>
  `${quarantined ? "quarantine/" : ""}${ticket.organisationId}/${ticket.id}/${id}`;

/** Stores and serves attachment bytes by key. */
export interface AttachmentStore {
  /** Stores `data` under `key` durably and atomically: a reader sees all of it or nothing. */
  put(key: string, data: Buffer): Promise<void>;
  /** Streams the bytes stored under `key`; a missing key is a 404. */
  open(key: string): Promise<Readable>;
  /** Removes `key` if it exists. */
  remove(key: string): Promise<void>;
}

/**
 * Files under a directory. A write goes to a temporary file that is flushed to disk and then
 * renamed into place (and the directory flushed), so that a crash leaves either the whole file or
 * none, and a row that names a key is inserted only after its file is durable.
 */
export class LocalDiskStore implements AttachmentStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not an attachment key: ${key}`);
    return path.join(this.dir, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const temp = `${target}.${process.pid}.${crypto.randomUUID()}.tmp`;
    const file = await open(temp, "wx", 0o600);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    const dirHandle = await open(folder, "r");
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  async open(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "ENOENT" ? notFound("The file") : e));
    });
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
