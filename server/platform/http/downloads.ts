import type { FastifyReply } from 'fastify';

/**
 * `Content-Disposition` for a file name that may be Urdu: an ASCII fallback plus the UTF-8 name
 * (RFC 6266 / RFC 5987). A raw non-Latin name in a header makes Node throw, which answered 500.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file to download; never cached, since exports and uploads may hold restricted data. */
export function sendDownload(reply: FastifyReply, file: { contentType: string; filename: string; body: Buffer | string }) {
  return reply
    .type(file.contentType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .send(file.body);
}
