import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { requestLogger } from './app';

describe('request logging', () => {
  it('never writes the query string, where searches by CNIC or name travel', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...requestLogger('info'), stream } });
    app.get('/api/v1/protection/cases', async () => ({ ok: true }));
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/protection/cases?identityNumber=35202-1234567-1&name=Muhammad%20Ali' });
    expect(res.statusCode).toBe(200);
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/v1/protection/cases');
    expect(log).not.toContain('35202');
    expect(log).not.toContain('Muhammad');
  });
});
