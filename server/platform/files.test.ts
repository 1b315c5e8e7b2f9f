import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/database';
import { createNetwork } from '../seed/networks';
import { KeyRing } from './crypto';
import type { DatabaseHandle } from './database/connection';
import { AppError } from './errors';
import { checkUpload, FileStore } from './files';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The smallest PDF file-type recognises. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The start of a Windows executable (MZ header, PE offset). */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), randomBytes(200)]);

let database: DatabaseHandle;
let root: string;
let store: FileStore;
let networkId: string;
const organisationId = randomUUID();
const uploadedBy = randomUUID();

beforeAll(async () => {
  database = await freshDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-files-'));
  store = new FileStore(root, 1024, new KeyRing(randomBytes(32)));
  networkId = await createNetwork(database.db, { code: 'FIL', nameEn: 'Files', nameUr: 'فائلیں' });
});
afterAll(async () => {
  await database.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('file store', () => {
  it('takes the type from the bytes, and stores a file named as what it is', async () => {
    const stored = await store.store(database.db, { networkId, organisationId, uploadedBy, name: 'photo.PNG', data: PNG, sensitive: false });
    expect(stored.contentType).toBe('image/png');
    expect(stored.size).toBe(PNG.length);
    const read = await store.read(database.db, networkId, stored.id);
    expect(read.data.equals(PNG)).toBe(true);
    expect(read.contentType).toBe('image/png');
  });

  it('refuses with 415, naming the type found, a file whose bytes contradict its name', async () => {
    const cases: Array<[name: string, data: Buffer, detail: string]> = [
      ['holiday.jpg', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), 'Files of type text/html are not accepted here.'],
      ['logo.png', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'Files of type image/svg+xml are not accepted here.'],
      ['setup.exe', PDF, 'The file is named .exe but its content is application/pdf.'],
      ['report.pdf', PNG, 'The file is named .pdf but its content is image/png.'],
    ];
    for (const [name, data, detail] of cases) {
      const error = await refusal(checkUpload(name, data));
      expect({ name, status: error.status, code: error.code, detail: error.detail }).toEqual({ name, status: 415, code: 'unsupported-file-type', detail });
      const viaStore = await refusal(store.store(database.db, { networkId, organisationId, uploadedBy, name, data, sensitive: false }));
      expect(viaStore.detail).toBe(detail);
    }
    expect(await checkUpload('minutes.pdf', PDF)).toBe('application/pdf');
    expect(await checkUpload('notes', Buffer.from('plain words'))).toBe('text/plain');
  });

  it('refuses an executable with 415, whatever its name', async () => {
    const error = await refusal(store.store(database.db, { networkId, organisationId, uploadedBy, name: 'minutes.docx', data: EXE, sensitive: false }));
    expect(error.status).toBe(415);
    expect(error.detail).toBe('Files of type application/x-msdownload are not accepted here.');
  });

  it('refuses a file over the size limit with 413, and an empty one with 422', async () => {
    const tooLarge = await refusal(store.store(database.db, { networkId, organisationId, uploadedBy, name: 'big.txt', data: Buffer.alloc(1025, 'a'), sensitive: false }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.errors).toEqual([{ field: 'file', code: 'upload.too-large', message: 'The file is too large.' }]);
    const empty = await refusal(store.store(database.db, { networkId, organisationId, uploadedBy, name: 'empty.txt', data: Buffer.alloc(0), sensitive: false }));
    expect(empty.status).toBe(422);
  });

  it('encrypts a sensitive file on disk and reads it back in clear', async () => {
    const text = Buffer.from('Statement of the survivor: recruited in Sialkot by an agent.');
    const stored = await store.store(database.db, { networkId, organisationId, uploadedBy, name: 'statement.txt', data: text, sensitive: true });
    expect(stored).toMatchObject({ contentType: 'text/plain', sensitive: true });
    const onDisk = fs.readFileSync(path.join(root, networkId, stored.id));
    expect(onDisk.includes(Buffer.from('Sialkot'))).toBe(false);
    expect(onDisk.includes(Buffer.from('survivor'))).toBe(false);
    expect((await store.read(database.db, networkId, stored.id)).data.equals(text)).toBe(true);
  });

  it('answers 404 for a file of another network', async () => {
    const stored = await store.store(database.db, { networkId, organisationId, uploadedBy, name: 'a.png', data: PNG, sensitive: false });
    const other = await createNetwork(database.db, { code: 'FIM', nameEn: 'Other', nameUr: 'دوسرا' });
    expect((await refusal(store.read(database.db, other, stored.id))).status).toBe(404);
  });
});
