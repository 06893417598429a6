/**
 * Files uploaded with a form (evidence photos, scanned documents): reading the multipart parts with
 * limits, telling a file's type from its first bytes, and checking the form's text fields with their
 * schema. Each module keeps its files in its own table; this is the common way in.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorId } from '../../shared/errors';
import { AppError } from '../plugins/errors';

export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

/** The error ids a module answers with when a file is too large or not acceptable. */
export interface UploadErrors {
  tooLarge: ErrorId;
  invalid: ErrorId;
}

const defaultErrors: UploadErrors = { tooLarge: 'files/too_large', invalid: 'files/invalid' };

/** Text fields of a form may be this long (the app-wide multipart default, 1 KB, is for the import form). */
const defaultFieldBytes = 64 * 1024;

/**
 * The multipart parts of an upload: files (each read into memory, size-limited) and text fields. A text
 * field over `fieldSize` bytes is refused rather than silently cut (busboy truncates and flags it).
 */
export async function receiveForm(
  req: FastifyRequest,
  limits: { files: number; fileSize: number; fieldSize?: number },
  errors: UploadErrors = defaultErrors,
) {
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const fieldSize = limits.fieldSize ?? defaultFieldBytes;
  try {
    for await (const part of req.parts({ limits: { ...limits, fieldSize, fields: 40, parts: limits.files + 40 } })) {
      if (part.type === 'file') files.push({ fileName: part.filename || '附件', content: await part.toBuffer() });
      else if (part.valueTruncated) {
        throw new AppError(
          'common/invalid_input',
          [{ field: part.fieldname, message: '内容过长' }],
          `请求内容有误：${part.fieldname} 内容过长`,
        );
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(errors.tooLarge);
    if (code === 'FST_FILES_LIMIT') throw new AppError(errors.invalid, {}, `一次最多上传 ${limits.files} 个文件`);
    throw err;
  }
  return { files, fields };
}

/** The form's text fields checked with their schema, answered like a JSON body's errors. */
export function checkFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('common/invalid_input', details, `请求内容有误：${details[0]?.field} ${details[0]?.message}`);
  }
  return parsed.data;
}

/** The type of a file from its first bytes (the name alone is not trusted); null when not accepted. */
export function fileMime(file: UploadedFile): string | null {
  const b = file.content;
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12))) return 'image/heic';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(0, 4) === 'PK\x03\x04') {
    if (/\.docx$/i.test(file.fileName))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (/\.xlsx$/i.test(file.fileName)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return null;
}

/** Whether a stored file may be shown in the browser (images and PDF) rather than downloaded. */
export const showsInline = (mime: string) => mime.startsWith('image/') || mime === 'application/pdf';

/** A checked upload as the row of a module's files table (`storedFileColumns`); the caller adds the owner key. */
export function storedFileRow(file: UploadedFile & { mime: string }, at: Date) {
  return {
    fileName: file.fileName.slice(0, 200),
    mime: file.mime,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    createdAt: at,
  };
}
