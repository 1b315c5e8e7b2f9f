import type { FastifyReply, FastifyRequest } from 'fastify';

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
export function sendDownload(reply: FastifyReply, file: DownloadFile) {
  return reply
    .type(file.contentType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .send(file.body);
}

export interface DownloadFile {
  contentType: string;
  filename: string;
  body: Buffer | string;
}

/** Whatever the handler did, a file route's answer is never stored by a browser or a proxy. */
async function neverCached(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('cache-control', 'no-store');
  return payload;
}

/**
 * Route options of every route that sends a file: `app.get(url, { ...fileRoute, config, schema,
 * handler: (request, reply) => sendDownload(reply, …) })`. The route test finds every route that
 * answers something other than JSON and fails when it lacks these options.
 */
export const fileRoute = { onSend: neverCached };

/** Whether a registered route's options came from `fileRoute`. */
export function isFileRoute(route: { onSend?: unknown }): boolean {
  const hooks = Array.isArray(route.onSend) ? route.onSend : [route.onSend];
  return hooks.includes(neverCached);
}
