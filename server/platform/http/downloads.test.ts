import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, sendDownload } from './downloads';

describe('downloads', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('کارروائی (v2).pdf')).toBe(
      `attachment; filename="________ (v2).pdf"; filename*=UTF-8''${encodeURIComponent('کارروائی')}%20%28v2%29.pdf`,
    );
    expect(attachmentDisposition('say "hi".txt')).toBe(`attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`);
  });

  it('sends an Urdu-named file with status 200 and no caching', async () => {
    const app = Fastify();
    app.get('/file', (_request, reply) => sendDownload(reply, { contentType: 'text/plain', filename: 'رپورٹ.txt', body: 'hello' }));
    const res = await app.inject({ method: 'GET', url: '/file' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('رپورٹ.txt')}`);
  });
});
