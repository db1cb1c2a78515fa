/** HTTP reply helpers shared by the routes that send files: downloads and spreadsheets. */
import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a workbook as a private, uncached download. */
export const sendXlsx = (reply: FastifyReply, f: { buffer: Buffer; filename: string }) =>
  reply
    .header('Content-Type', XLSX)
    .header('Content-Disposition', contentDisposition(f.filename))
    .header('Cache-Control', 'private, no-store')
    .send(f.buffer);
