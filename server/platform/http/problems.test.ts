import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { fieldErrorOfIssue, localisedFieldError } from './problem-texts';

let system: TestSystem;
beforeAll(async () => {
  system = await testSystem();
});
afterAll(() => system.close());

async function badLogin(language?: string) {
  const anon = await anonymous(system.app);
  return system.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 42 },
    headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf, ...(language ? { 'accept-language': language } : {}) },
  });
}

describe('problem documents in the language of the page', () => {
  it('answers an Urdu page in Urdu: title, generic detail and schema messages', async () => {
    const res = await badLogin('ur');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['content-language']).toBe('ur');
    const problem = res.json();
    expect(problem.title).toBe('غلط درخواست');
    expect(problem.detail).toBe('درخواست کا متن درست نہیں۔');
    const email = problem.errors.find((e: { field: string }) => e.field === 'email');
    expect(email).toEqual({ field: 'email', code: 'not_text', message: 'متن درج کریں۔' });
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain('password');
  });

  it('answers in English by default and for an English page, naming the same fields', async () => {
    for (const language of [undefined, 'en-GB']) {
      const problem = (await badLogin(language)).json();
      expect(problem.title).toBe('Bad request');
      expect(problem.detail).toBe('The request body is not valid.');
      expect(problem.errors.find((e: { field: string }) => e.field === 'email')).toEqual({ field: 'email', code: 'not_text', message: 'Enter text.' });
    }
  });

  it('says "not found" in Urdu without naming what was looked for', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/api/v1/no-such-route', headers: { 'accept-language': 'ur' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ title: 'نہیں ملا', detail: 'یہ ریکارڈ نہیں ملا، یا آپ کی پہنچ میں نہیں۔' });
  });

  it('words a message a schema wrote itself in Urdu too, and zod defaults as human rules', () => {
    const cnic = fieldErrorOfIssue('person.identityNumber', { code: 'invalid_format', format: 'regex', message: 'A CNIC has 13 digits written as #####-#######-#.' });
    expect(cnic.code).toBe('invalid_cnic');
    expect(localisedFieldError(cnic, 'ur').message).toBe('شناختی کارڈ نمبر کے 13 ہندسے ہوتے ہیں، اس طرح: \u2066#####-#######-#\u2069۔');
    const short = fieldErrorOfIssue('password', { code: 'too_small', origin: 'string', minimum: 8, inclusive: true, message: 'Too small: expected string to have >=8 characters' });
    expect(short).toEqual({ field: 'password', code: 'too_short', params: { minimum: 8 }, message: 'Use at least 8 characters.' });
    expect(localisedFieldError(short, 'ur').message).toBe('کم از کم 8 حروف استعمال کریں۔');
  });
});
