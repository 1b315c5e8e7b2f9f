import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../database/tenant';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
beforeAll(async () => {
  system = await testSystem({ UPLOAD_MAX_MB: '0.002' });
});
afterAll(() => system.close());

function form(fields: Record<string, string>, filename: string, content: string | Buffer) {
  const boundary = '----hamsafar-upload';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('uploads', () => {
  it('refuses, before anything is stored, a network document whose bytes contradict its name, and one over the size limit', async () => {
    const networkId = await system.factory.network();
    const organisationId = await system.factory.organisation(networkId);
    const admin = await system.factory.agent(networkId, ['network_admin'], organisationId);
    const html = form({ kind: 'governance', title: 'Rules of procedure' }, 'rules.jpg', '<html><body><script>fetch("/api/v1/auth/session")</script></body></html>');
    const refused = await admin.request('POST', '/api/v1/network/documents', html.payload, html.headers);
    expect(refused.statusCode).toBe(415);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ detail: 'Files of type text/html are not accepted here.', errors: [{ field: 'file' }] });
    const big = form({ kind: 'governance', title: 'Rules of procedure' }, 'rules.txt', 'a'.repeat(4096));
    const tooLarge = await admin.request('POST', '/api/v1/network/documents', big.payload, big.headers);
    expect(tooLarge.statusCode).toBe(413);
    const q = scoped(system.db, networkId);
    expect(await q.selectFrom('files').select('id').execute()).toEqual([]);
    expect(await q.selectFrom('governance_documents').select('id').execute()).toEqual([]);
    const text = form({ kind: 'governance', title: 'Rules of procedure' }, 'rules.txt', 'The network meets every quarter.');
    const stored = await admin.request('POST', '/api/v1/network/documents', text.payload, text.headers);
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json().versions).toMatchObject([{ number: 1, contentType: 'text/plain' }]);
  });
});
