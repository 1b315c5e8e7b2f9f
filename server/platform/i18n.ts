/**
 * Server-side texts (e-mail subjects and bodies, notification titles) in English and Urdu.
 * Modules add their own with `defineMessages`; the web app has its own catalogue.
 */
export type Language = 'en' | 'ur';
type Catalogue = Record<string, Record<Language, string>>;

const catalogue: Catalogue = {};

export function defineMessages(messages: Catalogue): void {
  Object.assign(catalogue, messages);
}

export function hasMessage(key: string): boolean {
  return key in catalogue;
}

export function translate(key: string, language: Language, params: Record<string, string | number> = {}): string {
  const template = catalogue[key]?.[language] ?? catalogue[key]?.en;
  if (!template) throw new Error(`Missing server message ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
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
