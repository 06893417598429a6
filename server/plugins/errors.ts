import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ErrorBody, type ErrorId, errorCatalog } from '../../shared/errors';

/** An expected failure: thrown by services with a catalog id, answered with its status and message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly id: ErrorId,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? errorCatalog[id].message);
    this.status = errorCatalog[id].status;
  }
}

const fieldNames: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数' };

/** The error body for a catalog id. */
export function errorBody(id: ErrorId, details?: unknown, message?: string): ErrorBody {
  return {
    error: id,
    message: message ?? errorCatalog[id].message,
    ...(details === undefined ? {} : { details }),
  };
}

// Fastify's own errors for malformed requests, mapped to catalog ids.
const fastifyCodes: Record<string, ErrorId> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'common/malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'common/malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'common/payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'common/unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'common/invalid_input',
  FST_ERR_BAD_URL: 'common/invalid_input',
  FST_ERR_NOT_FOUND: 'common/not_found',
  // @fastify/multipart
  FST_REQ_FILE_TOO_LARGE: 'imports/file_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'common/unsupported_media_type',
  FST_PARTS_LIMIT: 'common/invalid_input',
  FST_FILES_LIMIT: 'common/invalid_input',
  FST_FIELDS_LIMIT: 'common/invalid_input',
  FST_PROTO_VIOLATION: 'common/invalid_input',
};

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * One error envelope for everything: validation, malformed requests, AppErrors and bugs. Unknown
 * GET paths outside /api fall back to the single-page apps (the portal under /m, the admin elsewhere).
 */
export function registerErrorHandling(app: FastifyInstance, webDist: string | null) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return send(reply, err.status, errorBody(err.id, err.details, err.message));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
        message: v.message,
      }));
      const first = details[0];
      const message = first ? `${fieldNames[where] ?? where}有误：${first.field} ${first.message}` : undefined;
      return send(reply, 400, errorBody('common/invalid_input', details, message));
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return send(reply, errorCatalog[mapped].status, errorBody(mapped));
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Some other client error from a plugin (e.g. a malformed cookie): keep the status, use our words.
      return send(reply, err.statusCode, errorBody('common/invalid_input'));
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    return send(reply, 500, errorBody('common/internal'));
  });

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (webDist && req.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      const page = url === '/m' || url.startsWith('/m/') ? 'm/index.html' : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page, webDist, { cacheControl: false });
    }
    return send(reply, 404, errorBody('common/not_found'));
  });
}
