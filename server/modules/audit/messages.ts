import { defineMessages } from '../../platform/i18n';

/** What the audit module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'audit.export.too-many': {
    en: 'Choose a shorter period: at most {{max}} entries can be exported at once.',
    ur: 'کم مدت منتخب کریں: ایک بار میں زیادہ سے زیادہ {{max}} اندراجات برآمد ہو سکتے ہیں۔',
  },
  'audit.verify.network-only': {
    en: 'Verifying the audit chain needs audit access to the whole network.',
    ur: 'آڈٹ کی زنجیر کی تصدیق کے لیے پورے نیٹ ورک کے آڈٹ تک رسائی درکار ہے۔',
  },
});
