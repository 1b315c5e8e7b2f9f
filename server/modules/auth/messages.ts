import { defineMessages } from '../../platform/i18n';

/** What the auth module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'auth.login.several-networks': {
    en: 'This e-mail has accounts in several networks: give the network code.',
    ur: 'اس ای میل کے اکاؤنٹ کئی نیٹ ورکس میں ہیں: نیٹ ورک کا کوڈ درج کریں۔',
  },
  'auth.login.invalid': {
    en: 'The e-mail or password is not correct.',
    ur: 'ای میل یا پاس ورڈ درست نہیں۔',
  },
  'auth.mfa.no-challenge': {
    en: 'No multi-factor challenge is waiting for this session.',
    ur: 'اس سیشن کے لیے کوئی کثیر مرحلہ تصدیق منتظر نہیں۔',
  },
  'auth.mfa.code-wrong': {
    en: 'The code is not correct.',
    ur: 'کوڈ درست نہیں۔',
  },
  'auth.mfa.challenge-first': {
    en: 'Complete the multi-factor challenge first.',
    ur: 'پہلے کثیر مرحلہ تصدیق مکمل کریں۔',
  },
  'auth.mfa.enrol-first': {
    en: 'Start the enrolment first.',
    ur: 'پہلے اندراج شروع کریں۔',
  },
  'auth.mfa.enrol-code-wrong': {
    en: 'The code is not correct. Check the time on your phone.',
    ur: 'کوڈ درست نہیں۔ اپنے فون کا وقت دیکھ لیں۔',
  },
  'auth.password.current-wrong': {
    en: 'The current password is not correct.',
    ur: 'موجودہ پاس ورڈ درست نہیں۔',
  },
  'auth.token.invalid': {
    en: 'This link is not valid or has expired. Ask for a new one.',
    ur: 'یہ لنک درست نہیں یا اس کی مدت ختم ہو چکی ہے۔ نیا لنک منگوائیں۔',
  },
  'auth.login.too-many-from-address': {
    en: 'Too many sign-ins from this address. Wait a minute and try again.',
    ur: 'اس پتے سے بہت زیادہ سائن اِن۔ ایک منٹ انتظار کریں اور دوبارہ کوشش کریں۔',
  },
});
