import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file download under a Chinese file name (RFC 5987 encoded, which every browser reads). */
export function sendDownload(
  reply: FastifyReply,
  fileName: string,
  contentType: string,
  body: Buffer | Readable | string,
) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}
