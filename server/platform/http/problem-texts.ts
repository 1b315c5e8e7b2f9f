import { z } from 'zod';
import type { Language } from '../i18n';

/**
 * Urdu for the texts of problem documents that the platform itself writes: titles, generic
 * details and schema validation messages. A module's own message (a business rule) stays as the
 * module wrote it.
 */
const URDU_TITLES: Record<string, string> = {
  'bad-request': 'غلط درخواست',
  validation: 'کچھ خانے درست نہیں',
  unauthorized: 'سائن اِن درکار ہے',
  forbidden: 'اجازت نہیں',
  'not-found': 'نہیں ملا',
  conflict: 'ٹکراؤ',
  'stale-version': 'یہ ریکارڈ کسی اور نے تبدیل کر دیا ہے',
  'too-many-requests': 'بہت زیادہ درخواستیں',
  internal: 'اندرونی خرابی',
};

const URDU_DETAILS: Record<string, string> = {
  'The request has invalid fields.': 'درخواست کے کچھ خانے درست نہیں۔',
  'Sign in to continue.': 'جاری رکھنے کے لیے سائن اِن کریں۔',
  'You do not have permission to do this.': 'آپ کو یہ کرنے کی اجازت نہیں۔',
  'Reload the record, re-apply your change and save again.': 'ریکارڈ دوبارہ کھولیں، اپنی تبدیلی پھر سے کریں اور دوبارہ محفوظ کریں۔',
  'The server could not complete the request.': 'سرور یہ درخواست مکمل نہیں کر سکا۔',
  'A value has the wrong format.': 'ایک قدر کی شکل درست نہیں۔',
  'A number is out of range.': 'ایک عدد حد سے باہر ہے۔',
  'A value is too long.': 'ایک قدر بہت لمبی ہے۔',
  'A date or time is not valid.': 'تاریخ یا وقت درست نہیں۔',
  'A date or time is out of range.': 'تاریخ یا وقت حد سے باہر ہے۔',
  'A referenced record does not exist.': 'جس ریکارڈ کا حوالہ دیا گیا ہے وہ موجود نہیں۔',
  'A value breaks a rule of the record.': 'ایک قدر ریکارڈ کے قاعدے کے خلاف ہے۔',
  'Another change happened at the same time. Try again.': 'اسی وقت ایک اور تبدیلی ہوئی۔ دوبارہ کوشش کریں۔',
  'The body is not valid JSON.': 'درخواست کا متن درست JSON نہیں۔',
  'The body is empty but JSON was declared.': 'درخواست کا متن خالی ہے۔',
  'The body is too large.': 'درخواست کا متن بہت بڑا ہے۔',
  'This content type is not accepted.': 'یہ مواد کی قسم قبول نہیں۔',
  'The request body is not valid.': 'درخواست کا متن درست نہیں۔',
  'The request querystring is not valid.': 'درخواست کے سوالیہ پیرامیٹر درست نہیں۔',
  'The request params is not valid.': 'درخواست کا پتہ درست نہیں۔',
  'The request headers is not valid.': 'درخواست کے ہیڈر درست نہیں۔',
};

/** `AppError.notFound(entity)` says "<Entity> not found."; the Urdu says it of any record. */
const NOT_FOUND = /^[\w -]+ not found\.$/;

export function problemTitle(code: string, english: string, language: Language): string {
  return language === 'ur' ? (URDU_TITLES[code] ?? english) : english;
}

export function problemDetail(english: string | undefined, language: Language): string | undefined {
  if (language !== 'ur' || english === undefined) return english;
  if (NOT_FOUND.test(english)) return 'یہ ریکارڈ نہیں ملا، یا آپ کی پہنچ میں نہیں۔';
  return URDU_DETAILS[english] ?? english;
}

const urduIssues = z.locales.ur().localeError;
type Issue = Parameters<typeof urduIssues>[0];

/** zod's own English messages; a message a schema wrote itself (a CNIC's pattern, say) reads otherwise. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;
/** Issues reach the error handler without their input; the type received is named in the English text. */
const RECEIVED_SAMPLES: Record<string, unknown> = { number: 0, string: '', boolean: false, array: [], object: {}, null: null, undefined, date: new Date(0), nan: Number.NaN };

/** A schema validation message in the request's language; messages a schema wrote itself are kept. */
export function issueMessage(issue: { code: string; message: string; [detail: string]: unknown }, language: Language): string {
  if (language !== 'ur' || !ZOD_DEFAULT.test(issue.message)) return issue.message;
  const received = /received (\w+)$/.exec(issue.message)?.[1];
  const withInput = received !== undefined && received in RECEIVED_SAMPLES ? { ...issue, input: RECEIVED_SAMPLES[received] } : issue;
  const urdu = urduIssues(withInput as unknown as Issue);
  return (typeof urdu === 'string' ? urdu : urdu?.message) ?? issue.message;
}
