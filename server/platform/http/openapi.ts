import { z } from 'zod';
import { ProblemDocument } from '../../../common/schemas/http';
import { isListedPublic } from './public-routes';

type Operation = { operationId?: string; responses?: Record<string, unknown>; [key: string]: unknown };
type Document = { paths?: Record<string, Record<string, Operation>>; components?: Record<string, Record<string, unknown>>; [key: string]: unknown };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** Error answers every route can give, each an RFC 9457 problem document. */
const PROBLEM_RESPONSES: Record<string, { name: string; description: string }> = {
  '400': { name: 'BadRequest', description: 'The request is malformed or a field breaks its schema; `errors` names the fields.' },
  '401': { name: 'Unauthorized', description: 'Not signed in, or the multi-factor step is not complete.' },
  '403': { name: 'Forbidden', description: 'Signed in without the permission this operation declares.' },
  '404': { name: 'NotFound', description: 'No such record within the caller\'s reach (another organisation\'s record answers the same).' },
  '409': { name: 'Conflict', description: 'The record changed meanwhile (`stale-version`, with `currentVersion`) or the change breaks a state rule.' },
  '422': { name: 'UnprocessableContent', description: 'A business rule refuses a field; `errors` names it.' },
};

/** `GET /api/v1/network/meetings/{id}` becomes `getNetworkMeetingsById`: stable and readable. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      return parameter ? ['by', parameter[1]] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((word) => word[0].toUpperCase() + word.slice(1))].join('');
}

function problemSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(ProblemDocument, { io: 'output' }) as Record<string, unknown>;
  return schema;
}

/**
 * Completes the generated document so that it describes the API as it answers: an operationId on
 * every operation, the problem responses each one can give, and the server it is served from.
 */
export function completeOpenApiDocument<T extends Document>(document: T): T {
  const components = document.components ?? {};
  components.schemas = { ...components.schemas, Problem: problemSchema() };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      Object.values(PROBLEM_RESPONSES).map(({ name, description }) => [
        name,
        { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      ]),
    ),
  };
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const fastifyPath = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      operation.operationId ??= operationIdOf(method, path);
      if (seen.has(operation.operationId)) throw new Error(`Two operations would share the operationId ${operation.operationId}`);
      seen.add(operation.operationId);
      const statuses = ['400'];
      if (!isListedPublic(method.toUpperCase(), fastifyPath)) statuses.push('401', '403');
      if (path.includes('{')) statuses.push('404');
      if (WRITES.has(method)) statuses.push('409', '422');
      operation.responses ??= {};
      for (const status of statuses) {
        operation.responses[status] ??= { $ref: `#/components/responses/${PROBLEM_RESPONSES[status].name}` };
      }
    }
  }
  // Relative: the server that serves this document, whatever address it is reached at.
  return { ...document, servers: [{ url: '/', description: 'The Hamsafar server that serves this document' }], components };
}
