/** HTTP helpers shared by the routes that send files: content disposition, .xlsx replies. */
import type { FastifyReply } from 'fastify';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string, asciiFallback?: string): string {
  const ascii = asciiFallback ?? filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a built workbook as a download. */
export const sendXlsx = (reply: FastifyReply, f: { buffer: Buffer; filename: string }) =>
  reply
    .header('Content-Type', XLSX_MIME)
    .header('Content-Disposition', contentDisposition(f.filename))
    .header('Cache-Control', 'private, no-store')
    .send(f.buffer);
