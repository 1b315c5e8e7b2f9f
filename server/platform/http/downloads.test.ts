import rateLimit from '@fastify/rate-limit';
import Fastify, { type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { moduleRoutes } from '../../modules';
import { attachmentDisposition, fileRoute, isFileRoute, sendDownload } from './downloads';

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

  it('keeps a file route out of caches even when its handler sends the file by hand', async () => {
    const app = Fastify();
    app.get('/by-hand', { ...fileRoute, handler: (_request, reply) => reply.type('text/csv').header('cache-control', 'max-age=3600').send('a,b') });
    const res = await app.inject({ method: 'GET', url: '/by-hand' });
    await app.close();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  /**
   * Every route that answers something other than JSON (it declares no JSON body for its success
   * response) sends a file, and must be declared with `fileRoute` so that it is never cached.
   */
  it('finds every file-sending route of every module, and each one is a file route', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const registered: RouteOptions[] = [];
    app.addHook('onRoute', (route) => void registered.push(route));
    // The sign-in routes make their own limiters with the plugin, as in the real server.
    await app.register(rateLimit, { global: false });
    await app.register(moduleRoutes, { prefix: '/api/v1' });
    await app.ready();
    await app.close();
    const answersJson = (route: RouteOptions) => Object.keys((route.schema?.response ?? {}) as object).some((status) => /^2\d\d$/.test(status));
    const sendsFiles = registered.filter((route) => !answersJson(route) && route.method !== 'HEAD');
    const name = (route: RouteOptions) => `${String(route.method)} ${route.url}`;
    expect(sendsFiles.filter((route) => !isFileRoute(route)).map(name)).toEqual([]);
    expect(registered.filter((route) => isFileRoute(route) && answersJson(route)).map(name)).toEqual([]);
    expect(sendsFiles.map(name)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/protection/cases/:id/export.pdf',
        'GET /api/v1/protection/cases/:id/attachments/:childId',
        'GET /api/v1/protection/exports/htcds.csv',
        'GET /api/v1/protection/exports/htcds.xlsx',
        'GET /api/v1/protection/exports/anonymised.csv',
        'GET /api/v1/audit/export.csv',
        'GET /api/v1/activities/organisations/:id/iati.xml',
        'GET /api/v1/activities/periods/:id/gcm-report',
      ]),
    );
  });
});
