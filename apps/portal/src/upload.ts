/** Sending one file to a contact, with progress (fetch cannot report upload progress; XMLHttpRequest can). */
import type { AttachmentLimits, Problem, PublicAttachment } from "@yhteys/contracts";
import { ApiError } from "@yhteys/web";

/** The API path of a contact's attachments. */
export const attachmentsPath = (org: string, token: string) =>
  `/api/public/${encodeURIComponent(org)}/contacts/${encodeURIComponent(token)}/attachments`;

/** Uploads `file`; rejects with ApiError (status 0 when the network failed). */
export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<PublicAttachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (e.g. a proxy's error page): only the status is known.
      }
      if (xhr.status === 201) resolve(body as PublicAttachment);
      else reject(new ApiError(xhr.status, body && typeof body === "object" && "code" in body ? (body as Problem) : null));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

/** "10 MB", "250 kB" in the resident's language. */
export function formatSize(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: mb >= 10 || bytes < 1024 * 1024 ? 0 : 1 });
  return mb >= 1 ? `${number.format(mb)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** Whether the browser-reported type can be accepted; an unknown type is left for the server to decide. */
export const mayAccept = (file: File, limits: AttachmentLimits) => !file.type || limits.mediaTypes.includes(file.type);

/** The types list in the hint mentions HEIC only where the server can read it. */
export const heicNote = (limits: AttachmentLimits) => (limits.mediaTypes.includes("image/heic") ? ", HEIC" : "");
