/**
 * What happens to an uploaded file before it is served: its type is decided from its content
 * (never its name or the sender's Content-Type) and the name is made safe to show and to send back
 * in a header, at once; photos are re-encoded without their metadata (EXIF, GPS position, camera
 * serials; the orientation is applied to the pixels first) and get a thumbnail, for uploads in the
 * photo-cleaning job (photo-cleaning.ts).
 */
import { createHash } from "node:crypto";
import type { AttachmentLimits } from "@yhteys/contracts";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { Config } from "../../config.ts";
import { AppError } from "../../http/errors.ts";

/** Photos larger than this many pixels are refused rather than decoded (decompression bombs). */
const MAX_PIXELS = 60_000_000;
const THUMBNAIL_SIZE = 320;

/** HEIC (iPhone photos) only where this build of sharp can decode it (its prebuilt binaries cannot). */
const heicReadable = Boolean(sharp.format.heif?.input.fileSuffix?.includes(".heic"));

/** What a sniffed type is stored as (HEIC photos become JPEG). */
type Kind = { contentType: string; extension: string };
const jpeg: Kind = { contentType: "image/jpeg", extension: "jpg" };
const accepted = new Map<string, Kind>([
  ["image/jpeg", jpeg],
  ["image/png", { contentType: "image/png", extension: "png" }],
  ["image/webp", { contentType: "image/webp", extension: "webp" }],
  ["application/pdf", { contentType: "application/pdf", extension: "pdf" }],
  ...(heicReadable
    ? ([
        ["image/heic", jpeg],
        ["image/heif", jpeg],
      ] as const)
    : []),
]);

/** The media types accepted from residents, as sniffed from the content. */
const acceptedMediaTypes: readonly string[] = [...accepted.keys()];

/** What the portal tells residents about uploads. */
export const attachmentLimits = (config: Config): AttachmentLimits => ({
  maxFiles: config.attachments.maxFiles,
  maxBytes: config.attachments.maxBytes,
  mediaTypes: [...acceptedMediaTypes],
});

/** An upload whose type is known from its content: its safe name, the type it is stored as, and the bytes as sent. */
export type SniffedFile = { fileName: string; contentType: string; photo: boolean; data: Buffer };

/** A file ready to store: cleaned bytes, their hash, and a thumbnail for photos. */
export type PreparedFile = {
  fileName: string;
  contentType: string;
  data: Buffer;
  sha256: string;
  thumbnail: Buffer | null;
};

/** Decides an upload's type from its content and names it; 415 for anything not accepted. Cheap: no decoding. */
export async function sniffFile(data: Buffer, sentName: string): Promise<SniffedFile> {
  const sniffed = await fileTypeFromBuffer(data);
  const kind = sniffed && accepted.get(sniffed.mime);
  if (!kind)
    throw new AppError(
      "unsupported_file_type",
      `Send a photo (JPEG, PNG, WebP${heicReadable ? ", HEIC" : ""}) or a PDF file; this file's content is ${sniffed?.mime ?? "not recognised"}`,
    );
  return {
    fileName: safeFileName(sentName, kind.extension),
    contentType: kind.contentType,
    photo: kind.contentType.startsWith("image/"),
    data,
  };
}

/**
 * Cleans a sniffed file: a photo is decoded and re-encoded as its `contentType` without metadata,
 * with a thumbnail (415 `unsupported_file_type` when it cannot be decoded); a PDF stays as sent.
 */
export async function prepareFile(file: SniffedFile): Promise<PreparedFile> {
  const { fileName, contentType, data } = file;
  if (!file.photo) return { fileName, contentType, data, sha256: sha256(data), thumbnail: null };
  try {
    // sharp writes no metadata unless asked to: re-encoding drops EXIF, GPS, XMP and comments.
    const image = sharp(data, { limitInputPixels: MAX_PIXELS, failOn: "error", autoOrient: true });
    const cleaned = await (contentType === "image/png"
      ? image.png()
      : contentType === "image/webp"
        ? image.webp({ quality: 85 })
        : image.jpeg({ quality: 85 })
    ).toBuffer();
    const thumbnail = await sharp(cleaned)
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { fileName, contentType, data: cleaned, sha256: sha256(cleaned), thumbnail };
  } catch {
    throw new AppError("unsupported_file_type", "The photo could not be read: it may be damaged or too large in pixels");
  }
}

export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * The sender's file name without any path, control or reserved characters, at most 100
 * characters, with the extension of the sniffed type ("liite" when nothing is left).
 */
export function safeFileName(sent: string, extension: string): string {
  const base = sent.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const stem = base
    .replace(/\.[^.]*$/, "")
    // Control and bidirectional-override characters (which can disguise "gpj.exe" as "exe.jpg") go.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>:|?*%;]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, 100);
  return `${stem || "liite"}.${extension}`;
}

/** A Content-Disposition value: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const ascii =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/[\\"]/g, "") || "file";
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
