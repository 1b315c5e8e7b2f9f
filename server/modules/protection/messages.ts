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

/** What the protection module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'protection.break-glass.no-exports': {
    en: 'Break-the-glass access does not allow exports.',
    ur: 'ہنگامی رسائی میں برآمد کی اجازت نہیں۔',
  },
  'protection.break-glass.read-only': {
    en: 'Break-the-glass access is read-only.',
    ur: 'ہنگامی رسائی صرف دیکھنے کے لیے ہے۔',
  },
  'protection.case.anonymised': {
    en: 'This case was anonymised after its retention period and can no longer change.',
    ur: 'یہ کیس مدتِ محفوظگی کے بعد گمنام کر دیا گیا ہے اور اب تبدیل نہیں ہو سکتا۔',
  },
  'protection.case.team-of-owner': {
    en: 'Choose a team of the organisation that owns the case.',
    ur: 'اس ادارے کی ٹیم منتخب کریں جس کا یہ کیس ہے۔',
  },
  'protection.case.owner-of-organisation': {
    en: 'The case owner must belong to the organisation that owns the case.',
    ur: 'کیس کا ذمہ دار اسی ادارے سے ہونا چاہیے جس کا یہ کیس ہے۔',
  },
  'protection.case.assign-supervisor-only': {
    en: 'Only a case supervisor can assign cases.',
    ur: 'کیس صرف کیس سپروائزر تفویض کر سکتا ہے۔',
  },
  'protection.consent.fields-only-for-sharing': {
    en: 'Only a consent to sharing names an organisation and fields.',
    ur: 'ادارہ اور خانے صرف معلومات بانٹنے کی رضامندی میں درج ہوتے ہیں۔',
  },
  'protection.consent.choose-fields': {
    en: 'Choose the fields the person agrees to share.',
    ur: 'وہ خانے منتخب کریں جنہیں بانٹنے پر یہ شخص رضامند ہے۔',
  },
  'protection.organisation.unknown': {
    en: 'Unknown organisation.',
    ur: 'نامعلوم ادارہ۔',
  },
  'protection.case.closed': {
    en: 'The case is closed.',
    ur: 'یہ کیس بند ہو چکا ہے۔',
  },
  'protection.closure.already': {
    en: 'The closure of this case is already requested or done.',
    ur: 'اس کیس کی بندش کی درخواست پہلے ہی ہو چکی ہے یا کیس بند ہو چکا ہے۔',
  },
  'protection.closure.none-waiting': {
    en: 'No closure is waiting for approval on this case.',
    ur: 'اس کیس کی کوئی بندش منظوری کی منتظر نہیں۔',
  },
  'protection.team.member-of-organisation': {
    en: 'Team members must belong to your organisation.',
    ur: 'ٹیم کے ارکان آپ کے ادارے سے ہونے چاہییں۔',
  },
  'protection.team.name-taken': {
    en: 'A team with this name exists already.',
    ur: 'اس نام کی ٹیم پہلے سے موجود ہے۔',
  },
  'protection.referral.receiver-one-way': {
    en: 'Choose a receiving organisation on the platform, or name one outside it, not both.',
    ur: 'پلیٹ فارم پر موجود وصول کنندہ ادارہ منتخب کریں، یا باہر کے کسی ادارے کا نام لکھیں، دونوں نہیں۔',
  },
  'protection.referral.own-organisation': {
    en: 'A case cannot be referred to its own organisation.',
    ur: 'کیس اپنے ہی ادارے کو ریفر نہیں کیا جا سکتا۔',
  },
  'protection.referral.service-not-offered': {
    en: 'The receiving organisation does not offer this service.',
    ur: 'وصول کنندہ ادارہ یہ خدمت فراہم نہیں کرتا۔',
  },
  'protection.referral.consent-refuses': {
    en: 'The consent does not allow sharing: {{fields}}.',
    ur: 'رضامندی ان کو بانٹنے کی اجازت نہیں دیتی: {{fields}}۔',
  },
  'protection.referral.receiver-only': {
    en: 'Only the receiving organisation can do this.',
    ur: 'یہ صرف وصول کنندہ ادارہ کر سکتا ہے۔',
  },
  'protection.referral.sender-only': {
    en: 'Only the sending organisation can do this.',
    ur: 'یہ صرف بھیجنے والا ادارہ کر سکتا ہے۔',
  },
  'protection.referral.wrong-status': {
    en: 'A referral that is {{status}} cannot be changed this way.',
    ur: 'جو ریفرل {{status}} ہو اسے اس طرح تبدیل نہیں کیا جا سکتا۔',
  },
  'protection.referral-status.sent': {
    en: 'sent',
    ur: 'بھیجا گیا',
  },
  'protection.referral-status.accepted': {
    en: 'accepted',
    ur: 'قبول شدہ',
  },
  'protection.referral-status.declined': {
    en: 'declined',
    ur: 'نامنظور',
  },
  'protection.referral-status.in_progress': {
    en: 'in progress',
    ur: 'جاری',
  },
  'protection.referral-status.completed': {
    en: 'completed',
    ur: 'مکمل',
  },
  'protection.referral-status.withdrawn': {
    en: 'withdrawn',
    ur: 'واپس لیا گیا',
  },
  'protection.transfer.supervisor-only': {
    en: 'Only a case supervisor can transfer a case.',
    ur: 'کیس صرف کیس سپروائزر منتقل کر سکتا ہے۔',
  },
  'protection.transfer.same-organisation': {
    en: 'The case already belongs to this organisation.',
    ur: 'یہ کیس پہلے ہی اسی ادارے کا ہے۔',
  },
  'protection.transfer.pending': {
    en: 'A transfer of this case is already waiting for an answer.',
    ur: 'اس کیس کی ایک منتقلی پہلے ہی جواب کی منتظر ہے۔',
  },
  'protection.transfer.answered': {
    en: 'This transfer was already answered.',
    ur: 'اس منتقلی کا جواب پہلے ہی دیا جا چکا ہے۔',
  },
});
