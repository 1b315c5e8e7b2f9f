import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { KeyRing } from './crypto';
import { sha256Hex } from './crypto';
import type { Executor } from './database/tenant';
import { scoped } from './database/tenant';
import { AppError, fieldError, type Message } from './errors';
import { uploadMessage } from './upload-messages';

export const DOCUMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
  'text/plain',
];

export interface StoreFileInput {
  networkId: string;
  organisationId: string;
  uploadedBy: string;
  name: string;
  data: Buffer;
  sensitive: boolean;
  allowedTypes?: string[];
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sensitive: boolean;
}

function looksLikeText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  return !new TextDecoder('utf-8', { fatal: false }).decode(data).includes('\uFFFD');
}

/** Markup a browser would render or run: text that must not pass for a plain text file. */
function markupType(text: string): string | null {
  const start = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(start)) return 'image/svg+xml';
  if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]/.test(start)) return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  return null;
}

/** The type of a file read from its bytes, never from its name or the client's claim. */
export async function detectType(data: Buffer): Promise<string> {
  const detected = (await fileTypeFromBuffer(data))?.mime;
  // file-type calls any XML application/xml, an SVG image included, and knows no HTML.
  if (detected !== undefined && detected !== 'application/xml') return detected;
  if (!looksLikeText(data)) return detected ?? 'application/octet-stream';
  return markupType(data.toString('utf8')) ?? detected ?? 'text/plain';
}

/** The name endings each accepted type may carry. */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  // JSON (GeoJSON boundary files included) is plain text by its bytes.
  'text/plain': ['txt', 'csv', 'md', 'text', 'json', 'geojson'],
};

function unsupportedType(detail: Message, allowed: string[]): AppError {
  return new AppError(415, 'unsupported-file-type', 'Unsupported file type', detail, [fieldError('file', uploadMessage('upload.accepted-types', { types: allowed.join(', ') }))]);
}

/**
 * Checks an upload before anything is stored: not empty, of an accepted type, and named as what
 * it is, so that an HTML page named `.jpg` or a PDF named `.exe` is refused (415, naming the type
 * found) instead of being served later under a misleading name. Answers the type found.
 */
export async function checkUpload(name: string, data: Buffer, allowed: string[] = DOCUMENT_TYPES): Promise<string> {
  if (data.length === 0) throw AppError.field('file', uploadMessage('upload.empty'));
  const contentType = await detectType(data);
  if (!allowed.includes(contentType)) throw unsupportedType(uploadMessage('upload.type-refused', { type: contentType }), allowed);
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension !== undefined && !(EXTENSIONS[contentType] ?? []).includes(extension)) {
    throw unsupportedType(uploadMessage('upload.name-contradicts', { extension, type: contentType }), allowed);
  }
  return contentType;
}

/**
 * Uploads on disk under the data folder. The type is read from the bytes, never trusted from the
 * client; a sensitive file is encrypted with the network's data key before it touches the disk.
 */
export class FileStore {
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly keys: KeyRing,
  ) {}

  async store(db: Executor, input: StoreFileInput): Promise<StoredFile> {
    if (input.data.length > this.maxBytes) {
      throw new AppError(413, 'file-too-large', 'File too large', uploadMessage('upload.max-size', { megabytes: Math.floor(this.maxBytes / 1048576) }), [
        fieldError('file', uploadMessage('upload.too-large')),
      ]);
    }
    // Checked again here (it is cheap) so that no caller can store a file the upload check would refuse.
    const contentType = await checkUpload(input.name, input.data, input.allowedTypes);
    const row = await scoped(db, input.networkId)
      .insertInto('files', {
        organisation_id: input.organisationId,
        uploaded_by: input.uploadedBy,
        name: path.basename(input.name).slice(0, 200),
        content_type: contentType,
        size: input.data.length,
        sha256: sha256Hex(input.data),
        sensitive: input.sensitive,
      })
      .returning(['id', 'name', 'content_type', 'size', 'sensitive'])
      .executeTakeFirstOrThrow();
    const bytes = input.sensitive ? (await this.keys.forNetwork(db, input.networkId)).encryptBytes(input.data) : input.data;
    const target = this.pathOf(input.networkId, row.id);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, bytes, { mode: 0o600 });
    return { id: row.id, name: row.name, contentType: row.content_type, size: Number(row.size), sensitive: row.sensitive };
  }

  /** Reads a file of the network; the caller has checked the reader may see it. */
  async read(db: Executor, networkId: string, id: string): Promise<StoredFile & { data: Buffer; organisationId: string }> {
    const row = await scoped(db, networkId).selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('File');
    const raw = await fs.readFile(this.pathOf(networkId, id));
    const data = row.sensitive ? (await this.keys.forNetwork(db, networkId)).decryptBytes(raw) : raw;
    return {
      id: row.id,
      name: row.name,
      contentType: row.content_type,
      size: Number(row.size),
      sensitive: row.sensitive,
      organisationId: row.organisation_id,
      data,
    };
  }

  private pathOf(networkId: string, id: string): string {
    return path.join(this.root, networkId, id);
  }
}
