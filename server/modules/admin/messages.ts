import { defineMessages } from '../../platform/i18n';

/** What the admin module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'admin.roles.org-admin-limit': {
    en: 'Organisation admins may give only these roles: {{roles}}.',
    ur: 'ادارے کے منتظم صرف یہ کردار دے سکتے ہیں: {{roles}}۔',
  },
  'admin.user.network-role-held': {
    en: 'This account holds a role that only a network admin can manage.',
    ur: 'اس اکاؤنٹ کے پاس ایسا کردار ہے جس کا انتظام صرف نیٹ ورک منتظم کر سکتا ہے۔',
  },
  'admin.organisation.unknown': {
    en: 'This organisation does not exist.',
    ur: 'یہ ادارہ موجود نہیں۔',
  },
  'admin.user.email-taken': {
    en: 'An account with this e-mail already exists in this network.',
    ur: 'اس نیٹ ورک میں اس ای میل کا اکاؤنٹ پہلے سے موجود ہے۔',
  },
  'admin.user.cannot-disable-self': {
    en: 'You cannot disable your own account.',
    ur: 'آپ اپنا اکاؤنٹ غیر فعال نہیں کر سکتے۔',
  },
  'admin.user.own-roles': {
    en: 'Another admin must change your own roles.',
    ur: 'آپ کے اپنے کردار کوئی دوسرا منتظم ہی تبدیل کر سکتا ہے۔',
  },
  'admin.user.disabled-no-link': {
    en: 'The account is disabled: enable it before sending a link.',
    ur: 'اکاؤنٹ غیر فعال ہے: لنک بھیجنے سے پہلے اسے فعال کریں۔',
  },
  'admin.organisation.name-taken': {
    en: 'Another organisation of this network has this name.',
    ur: 'اس نیٹ ورک کے ایک اور ادارے کا یہی نام ہے۔',
  },
  'admin.organisation.iati-id-required': {
    en: 'An organisation that publishes to IATI needs its IATI organisation identifier, such as XM-DAC-47066.',
    ur: 'IATI پر شائع کرنے والے ادارے کو اپنا IATI ادارہ شناخت کنندہ درکار ہے، جیسے XM-DAC-47066۔',
  },
  'admin.role.unknown-permission': {
    en: 'Unknown permission: {{grant}}',
    ur: 'نامعلوم اجازت: {{grant}}',
  },
  'admin.role.keep-roles-manage': {
    en: 'The network admin role must keep {{permission}}.',
    ur: 'نیٹ ورک منتظم کے کردار میں {{permission}} برقرار رہنی چاہیے۔',
  },
  'admin.role.protection-closed': {
    en: 'The {{role}} role may not open personal protection data: {{grant}} cannot be granted.',
    ur: 'کردار {{role}} تحفظ کے ذاتی ڈیٹا تک رسائی نہیں دے سکتا: {{grant}} نہیں دی جا سکتی۔',
  },
  'admin.role.protection-closed-summary': {
    en: 'The access model closes personal protection data to this role.',
    ur: 'رسائی کا ضابطہ اس کردار کے لیے تحفظ کا ذاتی ڈیٹا بند رکھتا ہے۔',
  },
  'admin.role-change.decided': {
    en: 'This change was already decided.',
    ur: 'اس تبدیلی کا فیصلہ پہلے ہی ہو چکا ہے۔',
  },
  'admin.role-change.own-proposal': {
    en: 'Another network admin must decide on a change you proposed.',
    ur: 'آپ کی تجویز کردہ تبدیلی کا فیصلہ کسی دوسرے نیٹ ورک منتظم کو کرنا ہوگا۔',
  },
});
