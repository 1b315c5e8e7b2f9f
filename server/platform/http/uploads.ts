import type { FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../errors';
import { uploadMessage } from '../upload-messages';
import { checkUpload, DOCUMENT_TYPES } from '../files';
import { refuseNulCharacters } from './nul-characters';

/** A multipart upload read into memory and checked, ready to be stored inside a transaction. */
export interface Upload {
  filename: string;
  /** The type found in the bytes (see `checkUpload`). */
  mimeType: string;
  data: Buffer;
  /** The text fields sent before the file. */
  fields: Record<string, string>;
}

/**
 * The one way a route reads an uploaded file: the whole file (within the size limit of the
 * multipart plugin) and the fields sent before it, its type checked against its bytes and its
 * name. Call it before the command's transaction opens, so that a slow connection never holds
 * a transaction (and, on PGlite, the only connection) open, and so the file is read once.
 */
export async function readUpload(request: FastifyRequest, allowedTypes: string[] = DOCUMENT_TYPES): Promise<Upload> {
  if (!request.isMultipart()) throw AppError.field('file', uploadMessage('upload.not-multipart'));
  const part = await request.file();
  if (!part) throw AppError.field('file', uploadMessage('upload.no-file'));
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'file-too-large', 'File too large', uploadMessage('upload.too-large'), [fieldError('file', uploadMessage('upload.too-large'))]);
  const mimeType = await checkUpload(part.filename, data, allowedTypes);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field') fields[name] = String(value.value);
  }
  refuseNulCharacters({ body: fields });
  return { filename: part.filename, mimeType, data, fields };
}
