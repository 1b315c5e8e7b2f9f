import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { DONOR, FOCAL_IOM, FOCAL_MOPHRD, FOCAL_UNODC, FUND, activeProgramme, fundDemoWorld, proposalBody } from './test-support';

let system: TestSystem;
let world: Awaited<ReturnType<typeof fundDemoWorld>>;
let approvedId: string;
let draftId: string;
beforeAll(async () => {
  system = await testSystem();
  world = await fundDemoWorld(system, { seed: false });
  approvedId = (await activeProgramme(world, { iom: '1000.00', unodc: '500.00' })).id;
  const draft = await (await world.as(FOCAL_IOM)).post('/api/v1/fund/programmes', proposalBody(world, { title: 'A draft joint programme' }));
  draftId = draft.json().id;
});
afterAll(() => system.close());

const api = '/api/v1/fund';
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A multipart body built by hand: text fields first, then the file, as the web form sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = '----hamsafar-fund-documents';
  const chunks: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(agent: Agent, programmeId: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const body = multipart(fields, file);
  return agent.request('POST', `${api}/programmes/${programmeId}/documents`, body.payload, body.headers);
}

async function auditActions(entityId: string) {
  const rows = await scoped(system.db, world.networkId).selectFrom('audit_log').select(['action', 'fields']).where('entity_id', '=', entityId).execute();
  return rows.filter((r) => r.action === 'fund.programme.document_upload');
}

describe('programme documents', () => {
  it('lets a focal point of a participating organisation upload, and everyone who reads the programme list and download it byte for byte', async () => {
    const focal = await world.as(FOCAL_UNODC);
    const created = await upload(focal, approvedId, { title: 'Signed agreement', kind: 'agreement' }, { name: 'agreement.pdf', data: PDF_BYTES });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ title: 'Signed agreement', kind: 'agreement', fileName: 'agreement.pdf', contentType: 'application/pdf', size: PDF_BYTES.length });
    const documentId = created.json().id as string;

    const audited = await auditActions(approvedId);
    expect(audited).toHaveLength(1);
    expect(audited[0].fields).toEqual(['title', 'kind', 'file']);

    const listed = await (await world.as(FUND)).get(`${api}/programmes/${approvedId}/documents`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().canUpload).toBe(true);
    expect(listed.json().items.map((d: { id: string; title: string }) => [d.id, d.title])).toEqual([[documentId, 'Signed agreement']]);

    const downloaded = await (await world.as(FOCAL_IOM)).get(`${api}/programmes/${approvedId}/documents/${documentId}`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="agreement.pdf"; filename*=UTF-8''agreement.pdf`);
    expect(downloaded.rawPayload.equals(PDF_BYTES)).toBe(true);
  });

  it('lets a fund manager upload, keeping an Urdu file name in the download header', async () => {
    const created = await upload(await world.as(FUND), approvedId, { title: 'سالانہ رپورٹ', kind: 'report' }, { name: 'رپورٹ.pdf', data: PDF_BYTES });
    expect(created.statusCode).toBe(201);
    const downloaded = await (await world.as(FUND)).get(`${api}/programmes/${approvedId}/documents/${created.json().id}`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('رپورٹ.pdf')}`);
  });

  it('answers 404 to a focal point whose organisation does not take part, for upload, list and download', async () => {
    const outsider = await world.as(FOCAL_MOPHRD);
    const refused = await upload(outsider, approvedId, { title: 'Not ours', kind: 'other' }, { name: 'note.pdf', data: PDF_BYTES });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await outsider.get(`${api}/programmes/${approvedId}/documents`)).statusCode).toBe(404);
    const anyDocument = (await (await world.as(FUND)).get(`${api}/programmes/${approvedId}/documents`)).json().items[0].id;
    expect((await outsider.get(`${api}/programmes/${approvedId}/documents/${anyDocument}`)).statusCode).toBe(404);
  });

  it('shows donors the documents of approved programmes only, and never lets them upload', async () => {
    const draftUpload = await upload(await world.as(FOCAL_IOM), draftId, { title: 'Draft proposal', kind: 'proposal' }, { name: 'proposal.pdf', data: PDF_BYTES });
    expect(draftUpload.statusCode).toBe(201);
    const donor = await world.as(DONOR);
    expect((await donor.get(`${api}/programmes/${draftId}/documents`)).statusCode).toBe(404);
    expect((await donor.get(`${api}/programmes/${draftId}/documents/${draftUpload.json().id}`)).statusCode).toBe(404);

    const approved = await donor.get(`${api}/programmes/${approvedId}/documents`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().canUpload).toBe(false);
    expect(approved.json().items.map((d: { title: string }) => d.title).sort()).toEqual(['Signed agreement', 'سالانہ رپورٹ'].sort());
    const download = await donor.get(`${api}/programmes/${approvedId}/documents/${approved.json().items[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF_BYTES)).toBe(true);

    expect((await upload(donor, approvedId, { title: 'Donor note', kind: 'other' }, { name: 'note.pdf', data: PDF_BYTES })).statusCode).toBe(403);
  });

  it('refuses an executable with 415 naming the file, and stores nothing', async () => {
    const before = await auditActions(approvedId);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
    exe.writeUInt32LE(64, 0x3c);
    const refused = await upload(await world.as(FOCAL_IOM), approvedId, { title: 'Installer', kind: 'other' }, { name: 'setup.exe', data: exe });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(await auditActions(approvedId)).toHaveLength(before.length);
  });

  it('names the field of a missing file, an unknown kind or a missing title', async () => {
    const focal = await world.as(FOCAL_IOM);
    const noFile = await upload(focal, approvedId, { title: 'No file', kind: 'report' });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().errors).toEqual([{ field: 'file', code: 'upload.no-file', message: 'Attach the file.' }]);

    const unknownKind = await upload(focal, approvedId, { title: 'Minutes', kind: 'minutes' }, { name: 'minutes.pdf', data: PDF_BYTES });
    expect(unknownKind.statusCode).toBe(422);
    expect(unknownKind.json().errors).toEqual([{ field: 'kind', code: 'fund.document.kind', params: { kinds: 'proposal, agreement, report, other' }, message: 'Choose the kind of document: proposal, agreement, report, other.' }]);

    const noTitle = await upload(focal, approvedId, { title: '  ', kind: 'report' }, { name: 'report.pdf', data: PDF_BYTES });
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.json().errors).toEqual([{ field: 'title', code: 'fund.document.title', message: 'Give the document a title (at most 300 characters).' }]);
  });
});
