import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { operationIdOf } from './openapi';

const REDOCLY = path.resolve('node_modules/@redocly/cli/bin/cli.js');

let system: TestSystem;
let document: {
  servers?: unknown[];
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { $ref?: string }> }>>;
  components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>; schemas: Record<string, unknown> };
};

beforeAll(async () => {
  system = await testSystem();
  document = (await system.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => system.close());

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
}

async function redoclyLint(): Promise<LintProblem[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-openapi-'));
  const file = path.join(folder, 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(document));
  // The linter exits non-zero when it finds errors; the report on stdout is what the test reads.
  const run = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--format=json', '--max-problems=10000'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
  fs.rmSync(folder, { recursive: true, force: true });
  return (JSON.parse(run.stdout) as { problems: LintProblem[] }).problems;
}

describe('the OpenAPI document', () => {
  it('passes redocly lint (recommended rules) with no error, and every operation has an operationId and 4xx answers', async () => {
    const problems = await redoclyLint();
    const summary = problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message}`);
    expect(summary.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(summary.filter((line) => /operation-operationId|operation-4xx-response|no-path-trailing-slash|no-empty-servers/.test(line))).toEqual([]);
    // What is left is reported, not hidden: today only the missing licence of the document.
    expect(problems.every((problem) => problem.ruleId === 'info-license')).toBe(true);
  });

  it('documents every error answer as the one problem+json schema', () => {
    let operations = 0;
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        operations++;
        const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
        expect(errors.length).toBeGreaterThan(0);
        for (const [, response] of errors) {
          const name = response.$ref!.replace('#/components/responses/', '');
          expect(Object.keys(document.components.responses[name].content)).toEqual(['application/problem+json']);
          expect(document.components.responses[name].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
        }
      }
    }
    expect(operations).toBeGreaterThan(150);
    expect(document.components.schemas.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status']) });
  });

  it('names operations from their method and path, and no two alike', () => {
    expect(operationIdOf('get', '/api/v1/network/meetings/{id}')).toBe('getNetworkMeetingsById');
    expect(operationIdOf('get', '/api/v1/audit/export.csv')).toBe('getAuditExportCsv');
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the answers a route really gives: an anonymous call is a 401 the document lists', async () => {
    const response = await system.app.inject({ method: 'GET', url: '/api/v1/audit' });
    expect(response.statusCode).toBe(401);
    expect(document.paths['/api/v1/audit'].get.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(document.paths['/api/v1/health'].get.responses['401']).toBeUndefined();
  });
});
