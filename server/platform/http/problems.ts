import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors';
import type { Language } from '../i18n';
import { fieldErrorOfIssue, localisedDetail, localisedFieldError, problemTitle } from './problem-texts';

const PROBLEM_BASE = 'https://hamsafar.dev/problems/';

/** The language of the page that asked (the web app says it); else the signed-in user's own. */
function languageOf(request: FastifyRequest): Language {
  const asked = request.headers['accept-language'];
  if (asked) return asked.trim().toLowerCase().startsWith('ur') ? 'ur' : 'en';
  return request.session?.actor?.language ?? 'en';
}

function send(reply: FastifyReply, request: FastifyRequest, problem: AppError) {
  const language = languageOf(request);
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .header('content-language', language)
    .send({
      type: `${PROBLEM_BASE}${problem.code}`,
      title: problemTitle(problem.code, problem.title, language),
      status: problem.status,
      detail: localisedDetail(problem, language),
      instance: request.url.split('?')[0],
      ...(problem.detailMessage ? { messageCode: problem.detailMessage.key } : {}),
      ...(problem.errors ? { errors: problem.errors.map((error) => localisedFieldError(error, language)) } : {}),
      ...(problem.extra ?? {}),
    });
}

const PG_TO_PROBLEM: Record<string, (err: { detail?: string; column?: string; constraint?: string }) => AppError> = {
  // invalid_text_representation, e.g. a malformed uuid that slipped past a schema
  '22P02': () => AppError.badRequest('A value has the wrong format.'),
  '22003': () => AppError.badRequest('A number is out of range.'),
  '22001': () => AppError.badRequest('A value is too long.'),
  '22007': () => AppError.badRequest('A date or time is not valid.'),
  '22008': () => AppError.badRequest('A date or time is out of range.'),
  '23505': (e) => AppError.conflict(`A record with the same ${e.constraint ?? 'key'} already exists.`),
  '23503': () => AppError.validation([{ field: 'reference', message: 'A referenced record does not exist.' }]),
  '23514': (e) => AppError.validation([{ field: e.constraint ?? 'record', message: 'A value breaks a rule of the record.' }]),
  '40001': () => AppError.conflict('Another change happened at the same time. Try again.'),
  '40P01': () => AppError.conflict('Another change happened at the same time. Try again.'),
};

export function toProblem(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, request, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((v) =>
      fieldErrorOfIssue(v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where, { ...v.params, code: v.keyword, message: v.message ?? 'Invalid value' }),
    );
    return send(reply, request, AppError.badRequest(`The request ${where} is not valid.`, errors));
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response does not match its schema');
    return send(reply, request, new AppError(500, 'internal', 'Internal error', 'The server could not complete the request.'));
  }
  const pgCode = (error as { code?: string }).code;
  if (pgCode && PG_TO_PROBLEM[pgCode] && (error as { severity?: string }).severity) {
    return send(reply, request, PG_TO_PROBLEM[pgCode](error as { detail?: string }));
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    const code = fastifyError.code ?? 'bad-request';
    const messages: Record<string, string> = {
      FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but JSON was declared.',
      FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large.',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted.',
      FST_ERR_MAX_PARAM_LENGTH: 'The address is too long.',
      FST_ERR_BAD_URL: 'The address is not valid.',
    };
    return send(
      reply,
      request,
      new AppError(status, code.toLowerCase().replaceAll('_', '-'), STATUS_CODES[status] ?? 'Bad request', messages[code] ?? fastifyError.message),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, new AppError(500, 'internal', 'Internal error', 'The server could not complete the request.'));
}
