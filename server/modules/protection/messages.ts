import { defineMessages } from '../../platform/i18n';

/** Titles of protection notifications. They name a service or a case number, never a person. */
defineMessages({
  'protection.referral.received': { en: 'New referral for {{service}} waiting for your answer', ur: '{{service}} کے لیے نیا ریفرل آپ کے جواب کا منتظر ہے' },
  'protection.referral.accepted': { en: 'Your referral for {{service}} was accepted', ur: '{{service}} کے لیے آپ کا ریفرل قبول کر لیا گیا' },
  'protection.referral.declined': { en: 'Your referral for {{service}} was declined', ur: '{{service}} کے لیے آپ کا ریفرل مسترد کر دیا گیا' },
  'protection.referral.in_progress': { en: 'Services started on your referral for {{service}}', ur: '{{service}} کے ریفرل پر خدمات شروع ہو گئیں' },
  'protection.referral.completed': { en: 'Your referral for {{service}} was completed, with feedback', ur: '{{service}} کے لیے آپ کا ریفرل مکمل ہو گیا، رائے کے ساتھ' },
  'protection.referral.withdrawn': { en: 'A referral for {{service}} was withdrawn', ur: '{{service}} کے لیے ایک ریفرل واپس لے لیا گیا' },
  'protection.referral.overdue': { en: 'A referral for {{service}} is overdue: no answer within its time limit', ur: '{{service}} کے لیے ایک ریفرل تاخیر کا شکار ہے: مقررہ وقت میں جواب نہیں آیا' },
  'protection.breakGlass.opened': { en: 'Emergency access (break the glass) was used on case {{reference}}', ur: 'کیس {{reference}} پر ہنگامی رسائی (بریک دی گلاس) استعمال کی گئی' },
  'protection.closure.requested': { en: 'Closure of case {{reference}} waits for your approval', ur: 'کیس {{reference}} کی بندش آپ کی منظوری کی منتظر ہے' },
  'protection.transfer.proposed': { en: 'Another organisation proposes to transfer a case to you', ur: 'ایک اور ادارہ ایک کیس آپ کو منتقل کرنا چاہتا ہے' },
});
