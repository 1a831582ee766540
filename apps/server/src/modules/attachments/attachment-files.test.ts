import { describe, expect, it } from "vitest";
import { contentDisposition, safeFileName } from "./attachment-files.ts";

describe("file names", () => {
  it("keeps only a safe base name with the sniffed type's extension", () => {
    expect(safeFileName("C:\\Users\\maija\\Kuvat\\IMG_0001.HEIC", "jpg")).toBe("IMG_0001.jpg");
    expect(safeFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(safeFileName('lasku"<script>.pdf.exe', "pdf")).toBe("laskuscript.pdf.pdf");
    expect(safeFileName("  ...  ", "png")).toBe("liite.png");
    expect(safeFileName("Äänekoski\u202egpj.exe", "jpg")).toBe("Äänekoskigpj.jpg");
    expect(safeFileName("x".repeat(300), "webp")).toHaveLength(105);
  });

  it("sends an ASCII fallback and the UTF-8 name in Content-Disposition", () => {
    expect(contentDisposition("attachment", "Hämeenkatu (1).jpg")).toBe(
      `attachment; filename="Hameenkatu (1).jpg"; filename*=UTF-8''H%C3%A4meenkatu%20%281%29.jpg`,
    );
    expect(contentDisposition("inline", "ääö.pdf")).toBe(`inline; filename="aao.pdf"; filename*=UTF-8''%C3%A4%C3%A4%C3%B6.pdf`);
  });
});
