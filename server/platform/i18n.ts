/**
 * Server-side texts (e-mail subjects and bodies, notification titles) in English and Urdu.
 * Modules add their own with `defineMessages`; the web app has its own catalogue.
 */
export type Language = 'en' | 'ur';
type Texts = Record<Language, string>;

/** A text to show in the reader's language: a catalogue key and the values of its `{{placeholders}}`. */
export interface Message {
  readonly key: string;
  readonly params: MessageParams;
}
/**
 * A parameter may itself be a message (a status word, say), so it reads in the same language; a list
 * of messages reads as alternatives ("draft or submitted").
 */
export type MessageParams = Readonly<Record<string, string | number | Message | readonly Message[]>>;

const OR: Record<Language, string> = { en: ' or ', ur: ' یا ' };

const catalogue: Record<string, Texts> = {};

/**
 * Adds texts to the catalogue; the answer makes messages of exactly these keys, so a misspelt key
 * is a type error: `const msg = defineMessages({...}); AppError.field('dueDate', msg('network.x'))`.
 */
export function defineMessages<K extends string>(messages: Record<K, Texts>): (key: K, params?: MessageParams) => Message {
  Object.assign(catalogue, messages);
  return (key, params = {}) => ({ key, params });
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string' && typeof (value as Message).params === 'object';
}

export function hasMessage(key: string): boolean {
  return key in catalogue;
}

/** Every key with its texts, for the test that each one has both languages. */
export function catalogueEntries(): Array<[string, Texts]> {
  return Object.entries(catalogue);
}

export function translate(key: string, language: Language, params: MessageParams = {}): string {
  const template = catalogue[key]?.[language] ?? catalogue[key]?.en;
  if (!template) throw new Error(`Missing server message ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => paramText(params[name], language));
}

function paramText(value: MessageParams[string] | undefined, language: Language): string {
  if (Array.isArray(value)) return value.map((item: Message) => translate(item.key, language, item.params)).join(OR[language]);
  return isMessage(value) ? translate(value.key, language, value.params) : String(value ?? '');
}

/** The parameters as plain text in `language`, for clients that render a message code themselves. */
export function renderParams(params: MessageParams, language: Language): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? value : paramText(value, language)]));
}

defineMessages({
  'mail.invitation.subject': {
    en: 'You are invited to Hamsafar, {{network}}',
    ur: 'آپ کو ہمسفر، {{network}} میں مدعو کیا گیا ہے',
  },
  'mail.invitation.body': {
    en: 'Hello {{name}},\n\nYou have been invited to join {{network}} on Hamsafar as a member of {{organisation}}.\nSet your password with this link (valid for 7 days):\n\n{{link}}\n\nIf you did not expect this, ignore this message.',
    ur: 'السلام علیکم {{name}}،\n\nآپ کو ہمسفر پر {{network}} میں {{organisation}} کے رکن کے طور پر مدعو کیا گیا ہے۔\nاس لنک سے اپنا پاس ورڈ مقرر کریں (7 دن کے لیے درست):\n\n{{link}}\n\nاگر آپ کو اس کی توقع نہیں تھی تو اس پیغام کو نظر انداز کریں۔',
  },
  'mail.passwordReset.subject': { en: 'Reset your Hamsafar password', ur: 'اپنا ہمسفر پاس ورڈ دوبارہ مقرر کریں' },
  'mail.passwordReset.body': {
    en: 'Hello {{name}},\n\nA password reset was requested for your account. Use this link within 1 hour:\n\n{{link}}\n\nIf you did not ask for this, ignore this message; your password is unchanged.',
    ur: 'السلام علیکم {{name}}،\n\nآپ کے اکاؤنٹ کے لیے پاس ورڈ دوبارہ مقرر کرنے کی درخواست کی گئی ہے۔ یہ لنک 1 گھنٹے کے اندر استعمال کریں:\n\n{{link}}\n\nاگر آپ نے یہ درخواست نہیں کی تو اس پیغام کو نظر انداز کریں؛ آپ کا پاس ورڈ تبدیل نہیں ہوا۔',
  },
  'mail.notification.body': {
    en: '{{title}}\n\nOpen Hamsafar to see it: {{link}}\n\nYou can change which notifications reach you by e-mail in your profile.',
    ur: '{{title}}\n\nدیکھنے کے لیے ہمسفر کھولیں: {{link}}\n\nآپ اپنی پروفائل میں طے کر سکتے ہیں کہ کون سی اطلاعات ای میل سے ملیں۔',
  },
  'notification.account.locked': {
    en: 'Your account was locked after repeated failed sign-ins',
    ur: 'بار بار ناکام سائن اِن کے بعد آپ کا اکاؤنٹ مقفل کر دیا گیا',
  },
});
