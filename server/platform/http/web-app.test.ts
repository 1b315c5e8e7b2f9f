import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { buildApp } from './app';
import type { HamsafarApp } from './types';

const PAGE = '<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body></body></html>';
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(200))};\n`;

let system: TestSystem;
let web: HamsafarApp;
let webRoot: string;

/** A built web app as `vite build` leaves it: hashed assets with their brotli and gzip copies. */
function writeWebBuild(folder: string): void {
  fs.mkdirSync(path.join(folder, 'assets'), { recursive: true });
  for (const [name, text] of [['index.html', PAGE], ['assets/index-AbCd1234.js', SCRIPT]]) {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, gzipSync(text));
  }
}

beforeAll(async () => {
  system = await testSystem();
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-web-'));
  writeWebBuild(webRoot);
  ({ app: web } = await buildApp({ db: system.db, services: system.services, serveWeb: true, webRoot }));
});

afterAll(async () => {
  await web?.close();
  await system?.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

describe('the web app', () => {
  it.each(['/assets/does-not-exist.js', '/assets/maplibre-gl-worker.mjs?v=6.17.0', '/assets/missing.css', '/favicon.ico', '/robots.txt'])(
    'answers a missing file %s with a 404 problem, not the page',
    async (url) => {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404 });
      expect(res.body).not.toContain('<html');
    },
  );

  it.each(['/', '/login', '/protection/cases/4b1e0a4c-1f0e-4a8e-9d57-3f1c2a9b7e10', '/network/dashboard?year=2026'])(
    'answers the navigation %s with the page, which browsers ask for again each time',
    async (url) => {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(PAGE);
    },
  );

  it('sends the brotli copy of an asset to a browser that accepts it, cached for a year', async () => {
    const res = await web.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length);
  });

  it('sends the gzip copy when brotli is not accepted, and the file itself when nothing is', async () => {
    const gzipped = await web.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const plain = await web.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends the page compressed too', async () => {
    const res = await web.inject({ method: 'GET', url: '/login', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(PAGE);
  });

  it('does not serve the compressed copies by their own names', async () => {
    const res = await web.inject({ method: 'GET', url: '/assets/index-AbCd1234.js.br' });
    expect(res.statusCode).toBe(404);
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await web.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
