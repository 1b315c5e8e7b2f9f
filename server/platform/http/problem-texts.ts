import { CNIC_MESSAGE } from '../../../common/schemas/protection';
import type { AppError, FieldError } from '../errors';
import { hasMessage, renderParams, translate, type Language } from '../i18n';

/**
 * Urdu for the texts of problem documents that the platform itself writes: titles, generic
 * details and schema validation messages. A module's own messages (business rules) are catalogue
 * messages (`defineMessages`) with both languages.
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
  'The address is too long.': 'پتہ بہت لمبا ہے۔',
  'The address is not valid.': 'پتہ درست نہیں۔',
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

/**
 * The rules a schema checks, worded for a person filling in a form. A field error carries the
 * rule's code and its numbers, so a client may word it itself; the server says it in the
 * request's language.
 */
const FIELD_RULES: Record<string, Record<Language, string>> = {
  required: { en: 'Fill in this field.', ur: 'یہ خانہ پُر کریں۔' },
  choose_at_least: { en: 'Choose at least {{minimum}}.', ur: 'کم از کم {{minimum}} منتخب کریں۔' },
  choose_one_at_least: { en: 'Choose at least one.', ur: 'کم از کم ایک منتخب کریں۔' },
  too_many: { en: 'Choose at most {{maximum}}.', ur: 'زیادہ سے زیادہ {{maximum}} منتخب کریں۔' },
  invalid_option: { en: 'Choose one of the options.', ur: 'دیے گئے اختیارات میں سے ایک منتخب کریں۔' },
  too_short: { en: 'Use at least {{minimum}} characters.', ur: 'کم از کم {{minimum}} حروف استعمال کریں۔' },
  too_long: { en: 'Use at most {{maximum}} characters.', ur: 'زیادہ سے زیادہ {{maximum}} حروف استعمال کریں۔' },
  too_small: { en: 'Enter {{minimum}} or more.', ur: '{{minimum}} یا اس سے زیادہ درج کریں۔' },
  must_exceed: { en: 'Enter more than {{minimum}}.', ur: '{{minimum}} سے زیادہ درج کریں۔' },
  too_large: { en: 'Enter {{maximum}} or less.', ur: '{{maximum}} یا اس سے کم درج کریں۔' },
  must_be_below: { en: 'Enter less than {{maximum}}.', ur: '{{maximum}} سے کم درج کریں۔' },
  not_a_number: { en: 'Enter a number.', ur: 'ایک عدد درج کریں۔' },
  not_whole_number: { en: 'Enter a whole number.', ur: 'مکمل عدد درج کریں۔' },
  not_multiple: { en: 'Enter a multiple of {{divisor}}.', ur: '{{divisor}} کا کوئی مضرب درج کریں۔' },
  not_text: { en: 'Enter text.', ur: 'متن درج کریں۔' },
  not_yes_or_no: { en: 'Choose yes or no.', ur: 'ہاں یا نہیں منتخب کریں۔' },
  not_a_list: { en: 'Choose from the list.', ur: 'فہرست میں سے منتخب کریں۔' },
  invalid_email: { en: 'Enter a valid e-mail address.', ur: 'درست ای میل پتہ درج کریں۔' },
  invalid_date: { en: 'Enter a valid date.', ur: 'درست تاریخ درج کریں۔' },
  invalid_datetime: { en: 'Enter a valid date and time.', ur: 'درست تاریخ اور وقت درج کریں۔' },
  invalid_url: { en: 'Enter a valid web address.', ur: 'درست ویب پتہ درج کریں۔' },
  invalid_format: { en: 'This value does not have the expected form.', ur: 'اس قدر کی شکل درست نہیں۔' },
  invalid_value: { en: 'This value is not valid.', ur: 'یہ قدر درست نہیں۔' },
  unknown_field: { en: 'Not a field of this form: {{keys}}.', ur: 'یہ اس فارم کا خانہ نہیں: {{keys}}۔' },
  // The rules that a schema words itself (common/schemas), by their English text.
  invalid_amount: { en: 'Enter an amount with at most two decimals, for example 1250.00.', ur: 'زیادہ سے زیادہ دو اعشاری ہندسوں کے ساتھ رقم درج کریں، مثلاً 1250.00۔' },
  amount_not_positive: { en: 'The amount must be more than zero.', ur: 'رقم صفر سے زیادہ ہونی چاہیے۔' },
  invalid_rate: { en: 'Enter a rate above zero with at most six decimals, for example 1.085000.', ur: 'صفر سے زیادہ شرح درج کریں، زیادہ سے زیادہ چھ اعشاری ہندسوں کے ساتھ، مثلاً 1.085000۔' },
  invalid_currency: { en: 'Use a three-letter ISO 4217 currency code, for example EUR.', ur: 'تین حرفی ISO 4217 کرنسی کوڈ استعمال کریں، مثلاً EUR۔' },
  invalid_period: { en: 'Use a period like 2026, 2026-H1 or 2026-Q3.', ur: 'مدت اس طرح لکھیں: 2026، 2026-H1 یا 2026-Q3۔' },
  period_end_before_start: { en: 'The end of the period is before its start.', ur: 'مدت کا اختتام اس کے آغاز سے پہلے ہے۔' },
  invalid_notification_kind: { en: 'A notification kind is letters, digits, dots, dashes and underscores.', ur: 'اطلاع کی قسم میں صرف حروف، ہندسے، نقطے، ڈیش اور انڈر اسکور ہوتے ہیں۔' },
  invalid_country: { en: 'Use a two-letter ISO 3166 country code.', ur: 'دو حرفی ISO 3166 ملکی کوڈ استعمال کریں۔' },
  invalid_cnic: { en: CNIC_MESSAGE, ur: 'شناختی کارڈ نمبر کے 13 ہندسے ہوتے ہیں، اس طرح: \u2066#####-#######-#\u2069۔' },
  invalid_language_code: { en: 'Use an ISO 639 language code.', ur: 'ISO 639 زبان کوڈ استعمال کریں۔' },
  invalid_date_form: { en: 'Use a date in the form YYYY-MM-DD.', ur: 'تاریخ \u2066YYYY-MM-DD\u2069 کی شکل میں لکھیں۔' },
  retention_too_short: { en: 'Keep closed cases at least 1 year.', ur: 'بند کیس کم از کم 1 سال رکھیں۔' },
  emergency_reason_too_short: { en: 'Explain the emergency in at least 20 characters.', ur: 'ہنگامی صورتِ حال کم از کم 20 حروف میں بیان کریں۔' },
  score_justification_too_short: { en: 'Explain the score in at least 10 characters.', ur: 'اسکور کی وضاحت کم از کم 10 حروف میں کریں۔' },
  direct_costs_per_category: { en: 'Give the direct costs in each of the seven UNSDG budget categories.', ur: 'سات UNSDG بجٹ زمروں میں سے ہر ایک کے براہِ راست اخراجات درج کریں۔' },
  expenditure_per_category: { en: 'Give the expenditure in each of the seven UNSDG budget categories.', ur: 'سات UNSDG بجٹ زمروں میں سے ہر ایک کے اخراجات درج کریں۔' },
  choose_thematic_area: { en: 'Choose at least one thematic area.', ur: 'کم از کم ایک موضوعاتی شعبہ منتخب کریں۔' },
  choose_gcm_objective: { en: 'Choose at least one GCM objective.', ur: 'کم از کم ایک GCM مقصد منتخب کریں۔' },
  choose_province: { en: 'Choose at least one province.', ur: 'کم از کم ایک صوبہ منتخب کریں۔' },
  name_members_present: { en: 'Name the members present.', ur: 'حاضر ارکان کے نام لکھیں۔' },
  invalid_phone: { en: 'Use digits, spaces and dashes, with an optional leading +.', ur: 'ہندسے، خالی جگہیں اور ڈیش استعمال کریں؛ شروع میں + لگا سکتے ہیں۔' },
};

const RULE_OF_SCHEMA_TEXT = new Map<string, string>([...Object.entries(FIELD_RULES).map(([code, texts]): [string, string] => [texts.en, code]), ['This field is required.', 'required']]);

type Params = Record<string, string | number>;
/** A zod issue as fastify-type-provider-zod hands it over: the issue's own fields, its code and message. */
export interface SchemaIssue {
  code: string;
  message: string;
  [detail: string]: unknown;
}

function ruleOf(issue: SchemaIssue): { code: string; params?: Params } {
  const { minimum, maximum, origin, format, expected, inclusive } = issue as Record<string, unknown>;
  const received = /received (\w+)$/.exec(issue.message)?.[1];
  const schemaWorded = RULE_OF_SCHEMA_TEXT.get(issue.message);
  if (schemaWorded) return { code: schemaWorded };
  switch (issue.code) {
    case 'invalid_type':
      if (received === 'undefined' || received === 'null') return { code: 'required' };
      if (expected === 'number' || expected === 'nan' || expected === 'bigint') return { code: 'not_a_number' };
      if (expected === 'int') return { code: 'not_whole_number' };
      if (expected === 'string') return { code: 'not_text' };
      if (expected === 'boolean') return { code: 'not_yes_or_no' };
      if (expected === 'array' || expected === 'set') return { code: 'not_a_list' };
      if (expected === 'date') return { code: 'invalid_date' };
      return { code: 'invalid_value' };
    case 'too_small':
      if (origin === 'string') return Number(minimum) <= 1 ? { code: 'required' } : { code: 'too_short', params: { minimum: Number(minimum) } };
      if (origin === 'array' || origin === 'set') return Number(minimum) <= 1 ? { code: 'choose_one_at_least' } : { code: 'choose_at_least', params: { minimum: Number(minimum) } };
      if (origin === 'number' || origin === 'int' || origin === 'bigint') return { code: inclusive === false ? 'must_exceed' : 'too_small', params: { minimum: Number(minimum) } };
      return { code: 'invalid_value' };
    case 'too_big':
      if (origin === 'string') return { code: 'too_long', params: { maximum: Number(maximum) } };
      if (origin === 'array' || origin === 'set') return { code: 'too_many', params: { maximum: Number(maximum) } };
      if (origin === 'number' || origin === 'int' || origin === 'bigint') return { code: inclusive === false ? 'must_be_below' : 'too_large', params: { maximum: Number(maximum) } };
      return { code: 'invalid_value' };
    case 'invalid_format':
      if (format === 'email') return { code: 'invalid_email' };
      // Ids come from a list the form offers.
      if (format === 'uuid' || format === 'guid') return { code: 'invalid_option' };
      if (format === 'date') return { code: 'invalid_date' };
      if (format === 'datetime') return { code: 'invalid_datetime' };
      if (format === 'url') return { code: 'invalid_url' };
      return { code: 'invalid_format' };
    case 'invalid_value':
      return { code: 'invalid_option' };
    case 'not_multiple_of':
      return { code: 'not_multiple', params: { divisor: Number(issue.divisor) } };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { keys: (issue.keys as string[] | undefined)?.join(', ') ?? '' } };
    default:
      return { code: 'invalid_value' };
  }
}

function fillIn(template: string, params: Params = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** zod's own English wording, which a person should never see; any other a schema wrote itself. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;

/**
 * A failed schema rule as a field error: a stable code, its numbers and the English message. A
 * message a schema wrote itself and this file does not know is kept, in English only.
 */
export function fieldErrorOfIssue(field: string, issue: SchemaIssue): FieldError {
  const { code, params } = ruleOf(issue);
  const known = RULE_OF_SCHEMA_TEXT.has(issue.message) || ZOD_DEFAULT.test(issue.message);
  return { field, code, ...(params ? { params } : {}), message: known ? fillIn(FIELD_RULES[code].en, params) : issue.message };
}

/** A field error as the problem document carries it: its message in `language`, its code kept. */
export function localisedFieldError(error: FieldError, language: Language): FieldError {
  if (!error.code) return error;
  const rule = FIELD_RULES[error.code];
  // Only the rule's own wording is translated: a schema's unknown message keeps its text.
  if (rule) return fillIn(rule.en, error.params as Params | undefined) === error.message ? { ...error, message: fillIn(rule[language], error.params as Params | undefined) } : error;
  if (!hasMessage(error.code)) return error;
  const message = translate(error.code, language, error.params);
  return error.params ? { ...error, message, params: renderParams(error.params, language) } : { ...error, message };
}

/** A module's message (`detailMessage`) in `language`; else the platform's own English detail. */
export function localisedDetail(problem: AppError, language: Language): string | undefined {
  if (problem.detailMessage && hasMessage(problem.detailMessage.key)) return translate(problem.detailMessage.key, language, problem.detailMessage.params);
  return problemDetail(problem.detail, language);
}

/** Every rule's code and texts, for the test that each has both languages. */
export function fieldRules(): Array<[string, Record<Language, string>]> {
  return Object.entries(FIELD_RULES);
}
