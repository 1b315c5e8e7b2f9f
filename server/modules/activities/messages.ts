import { defineMessages } from '../../platform/i18n';

/** What the activities module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'activities.end-before-start': { en: 'The end is before the start.', ur: 'اختتام آغاز سے پہلے ہے۔' },
  'activities.organisation-unknown': { en: 'The organisation does not exist.', ur: 'یہ ادارہ موجود نہیں۔' },
  'activities.partner-unknown': { en: 'An implementing partner is not in the directory.', ur: 'ایک عمل درآمد کرنے والا شراکت دار ڈائریکٹری میں نہیں۔' },
  'activities.gcm-unknown': { en: 'A GCM objective is not known.', ur: 'ایک GCM مقصد معلوم نہیں۔' },
  'activities.principle-unknown': { en: 'A guiding principle is not known.', ur: 'ایک رہنما اصول معلوم نہیں۔' },
  'activities.sdg-unknown': { en: 'An SDG target is not known.', ur: 'ایک SDG ہدف معلوم نہیں۔' },
  'activities.unit-unknown': { en: 'A place is not a current administrative unit.', ur: 'ایک جگہ موجودہ انتظامی اکائی نہیں۔' },
  'activities.programme-unknown': { en: 'The MMPTF programme does not exist.', ur: 'یہ MMPTF پروگرام موجود نہیں۔' },
  'activities.programme-required': { en: 'Choose the MMPTF programme that funds the activity.', ur: 'وہ MMPTF پروگرام منتخب کریں جو سرگرمی کو فنڈ کرتا ہے۔' },
  'activities.programme-not-mmptf': { en: 'A programme is given only when the MMPTF funds the activity.', ur: 'پروگرام صرف اس وقت دیا جاتا ہے جب MMPTF سرگرمی کو فنڈ کرے۔' },
  'activities.donor-required': { en: 'Name the donor.', ur: 'عطیہ دہندہ کا نام دیں۔' },
  'activities.donor-not-other': { en: 'A donor name is given only for another donor.', ur: 'عطیہ دہندہ کا نام صرف دوسرے عطیہ دہندہ کے لیے دیا جاتا ہے۔' },
  'activities.workplan-unknown': { en: 'The workplan line does not exist.', ur: 'ورک پلان کی یہ لائن موجود نہیں۔' },
  'activities.figures-duplicate': { en: 'This sex, age band and group is given twice.', ur: 'یہ جنس، عمر کا گروپ اور گروہ دو بار دیا گیا ہے۔' },
  'activities.figures-total-mismatch': {
    en: 'The total {{sent}} does not add up: the figures add up to {{derived}}.',
    ur: 'کل {{sent}} درست نہیں: اعداد کا مجموعہ {{derived}} ہے۔',
  },
  'activities.period-overlap': { en: 'A period of this kind already starts on this date.', ur: 'اس قسم کی ایک مدت اسی تاریخ کو پہلے ہی شروع ہوتی ہے۔' },
  'activities.period-start': {
    en: 'A monthly period starts on the first day of a month, a quarterly one on 1 January, April, July or October.',
    ur: 'ماہانہ مدت مہینے کی پہلی تاریخ سے، اور سہ ماہی مدت یکم جنوری، اپریل، جولائی یا اکتوبر سے شروع ہوتی ہے۔',
  },
  'activities.period-end': { en: 'This period ends on {{end}}, the last day of its month or quarter.', ur: 'یہ مدت {{end}} کو ختم ہوتی ہے، جو اس کے مہینے یا سہ ماہی کا آخری دن ہے۔' },
  'activities.deadline-before-end': { en: 'The deadline is before the end of the period.', ur: 'آخری تاریخ مدت کے اختتام سے پہلے ہے۔' },
  'activities.period-locked': {
    en: 'The period is locked since its deadline ({{deadline}}); ask the secretariat to unlock it for your organisation.',
    ur: 'مدت اپنی آخری تاریخ ({{deadline}}) سے بند ہے؛ سیکرٹریٹ سے اپنے ادارے کے لیے کھولنے کو کہیں۔',
  },
  'activities.date-outside-period': { en: 'The date is outside the period {{from}} to {{to}}.', ur: 'تاریخ مدت {{from}} تا {{to}} سے باہر ہے۔' },
  'activities.activity-outside-period': { en: 'The activity does not run in this period.', ur: 'یہ سرگرمی اس مدت میں نہیں چلتی۔' },
  'activities.report-version-required': { en: 'The report exists: send the version you read to edit it.', ur: 'رپورٹ موجود ہے: اس میں ترمیم کے لیے پڑھا گیا ورژن بھیجیں۔' },
  'activities.unlock-not-locked': { en: 'The period is not locked yet: there is nothing to unlock.', ur: 'مدت ابھی بند نہیں: کھولنے کو کچھ نہیں۔' },
  'activities.period-unknown': { en: 'The reporting period does not exist.', ur: 'یہ رپورٹنگ مدت موجود نہیں۔' },
  'activities.iati-other-organisation': { en: "An organisation exports only its own activities to IATI.", ur: 'ادارہ IATI کے لیے صرف اپنی سرگرمیاں برآمد کرتا ہے۔' },
  'activities.iati-not-publisher': {
    en: 'This organisation does not publish to IATI: the network admin records its IATI organisation identifier and turns publishing on first.',
    ur: 'یہ ادارہ IATI پر شائع نہیں کرتا: پہلے نیٹ ورک ایڈمن اس کا IATI ادارہ شناخت کنندہ درج کر کے اشاعت کو فعال کرے۔',
  },
  'activities.iati-no-activities': {
    en: 'The organisation has no activities to publish to IATI: those the MMPTF funds are published by the fund.',
    ur: 'ادارے کے پاس IATI پر شائع کرنے کو کوئی سرگرمی نہیں: MMPTF کی فنڈ کردہ سرگرمیاں فنڈ خود شائع کرتا ہے۔',
  },
  'activities.unlock-until-past': { en: 'The unlock must last until today or later.', ur: 'کھلنے کی مدت آج یا بعد تک ہونی چاہیے۔' },
});
