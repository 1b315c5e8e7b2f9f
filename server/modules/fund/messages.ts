import { defineMessages } from '../../platform/i18n';

defineMessages({
  'fund.programme.status': {
    en: 'Joint programme {{code}} is now: {{status}}',
    ur: 'مشترکہ پروگرام {{code}} کی موجودہ حیثیت: {{status}}',
  },
  'fund.expenditure.due': {
    en: 'The {{year}} expenditure report of joint programme {{code}} is due by {{dueDate}}',
    ur: 'مشترکہ پروگرام {{code}} کی {{year}} کے اخراجات کی رپورٹ {{dueDate}} تک واجب ہے',
  },
  'fund.expenditure.overdue': {
    en: 'The {{year}} expenditure report of {{organisation}} for joint programme {{code}} is overdue (due {{dueDate}})',
    ur: 'مشترکہ پروگرام {{code}} کے لیے {{organisation}} کی {{year}} کے اخراجات کی رپورٹ واجب الادا ہے (آخری تاریخ {{dueDate}})',
  },
});

/** What the fund module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'fund.status.draft': {
    en: 'draft',
    ur: 'مسودہ',
  },
  'fund.status.submitted': {
    en: 'submitted',
    ur: 'جمع شدہ',
  },
  'fund.status.secretariat_review': {
    en: 'in secretariat review',
    ur: 'سیکرٹریٹ کے جائزے میں',
  },
  'fund.status.steering_committee': {
    en: 'before the steering committee',
    ur: 'اسٹیئرنگ کمیٹی کے سامنے',
  },
  'fund.status.approved': {
    en: 'approved',
    ur: 'منظور شدہ',
  },
  'fund.status.approved_with_conditions': {
    en: 'approved with conditions',
    ur: 'شرائط کے ساتھ منظور شدہ',
  },
  'fund.status.deferred': {
    en: 'deferred',
    ur: 'مؤخر',
  },
  'fund.status.rejected': {
    en: 'rejected',
    ur: 'مسترد',
  },
  'fund.status.active': {
    en: 'active',
    ur: 'جاری',
  },
  'fund.status.operationally_closed': {
    en: 'operationally closed',
    ur: 'عملی طور پر بند',
  },
  'fund.status.financially_closed': {
    en: 'financially closed',
    ur: 'مالی طور پر بند',
  },
  'fund.verb.submit': {
    en: 'submitted',
    ur: 'جمع',
  },
  'fund.verb.start_review': {
    en: 'taken into secretariat review',
    ur: 'سیکرٹریٹ کے جائزے میں',
  },
  'fund.verb.return_to_authors': {
    en: 'returned to its authors',
    ur: 'مصنفین کو واپس',
  },
  'fund.verb.forward_to_committee': {
    en: 'forwarded to the steering committee',
    ur: 'اسٹیئرنگ کمیٹی کو ارسال',
  },
  'fund.verb.revise': {
    en: 'reopened for revision',
    ur: 'نظرِ ثانی کے لیے دوبارہ کھولا',
  },
  'fund.verb.activate': {
    en: 'activated',
    ur: 'فعال',
  },
  'fund.verb.close_operationally': {
    en: 'closed operationally',
    ur: 'عملی طور پر بند',
  },
  'fund.verb.close_financially': {
    en: 'closed financially',
    ur: 'مالی طور پر بند',
  },
  'fund.verb.decide': {
    en: 'decided by the steering committee',
    ur: 'اسٹیئرنگ کمیٹی کے فیصلے کے لیے پیش',
  },
  'fund.verb.fund': {
    en: 'funded',
    ur: 'فنڈ',
  },
  'fund.verb.report': {
    en: 'reported on',
    ur: 'رپورٹ',
  },
  'fund.proposal.wrong-status': {
    en: 'A proposal that is {{status}} cannot be {{verb}}; only one that is {{allowed}} can.',
    ur: 'جو تجویز {{status}} ہو وہ {{verb}} نہیں کی جا سکتی؛ صرف وہ جو {{allowed}} ہو۔',
  },
  'fund.rate.usd-is-one': {
    en: 'An amount in USD has the rate 1.',
    ur: 'امریکی ڈالر میں رقم کی شرح 1 ہوتی ہے۔',
  },
  'fund.rate.missing': {
    en: 'No {{currency}} rate is recorded on or before {{date}}; give the rate of that date.',
    ur: '{{date}} یا اس سے پہلے {{currency}} کی کوئی شرح درج نہیں؛ اس تاریخ کی شرح درج کریں۔',
  },
  'fund.contributor.unknown': {
    en: 'This contributor does not exist.',
    ur: 'یہ عطیہ دہندہ موجود نہیں۔',
  },
  'fund.commitment.unknown': {
    en: 'This commitment does not exist.',
    ur: 'یہ وعدہ موجود نہیں۔',
  },
  'fund.deposit.before-agreement': {
    en: 'A deposit cannot precede its agreement of {{date}}.',
    ur: 'جمع شدہ رقم اپنے {{date}} کے معاہدے سے پہلے کی نہیں ہو سکتی۔',
  },
  'fund.deposit.exceeds-pledge': {
    en: 'The deposit exceeds the outstanding pledge of {{amount}} {{currency}}.',
    ur: 'جمع شدہ رقم {{amount}} {{currency}} کے باقی وعدے سے زیادہ ہے۔',
  },
  'fund.proposal.puno-twice': {
    en: 'Each participating organisation is listed once.',
    ur: 'ہر شریک ادارہ صرف ایک بار درج ہو۔',
  },
  'fund.proposal.organisation-unknown': {
    en: 'This organisation is not in the network directory.',
    ur: 'یہ ادارہ نیٹ ورک کی ڈائریکٹری میں نہیں۔',
  },
  'fund.proposal.puno-not-un': {
    en: '{{organisation}} is not a UN organisation; name it as a partner instead.',
    ur: '{{organisation}} اقوامِ متحدہ کا ادارہ نہیں؛ اسے شراکت دار کے طور پر درج کریں۔',
  },
  'fund.proposal.two-punos': {
    en: 'A joint programme needs at least two participating UN organisations, the convening one included.',
    ur: 'مشترکہ پروگرام کے لیے کم از کم دو شریک اقوامِ متحدہ ادارے درکار ہیں، بلانے والا ادارہ شامل۔',
  },
  'fund.proposal.convening-not-puno': {
    en: 'The convening organisation must be one of the participating UN organisations.',
    ur: 'بلانے والا ادارہ شریک اقوامِ متحدہ اداروں میں سے ایک ہونا چاہیے۔',
  },
  'fund.proposal.partner-is-un': {
    en: '{{organisation}} is a UN organisation; list it as a participating organisation.',
    ur: '{{organisation}} اقوامِ متحدہ کا ادارہ ہے؛ اسے شریک ادارے کے طور پر درج کریں۔',
  },
  'fund.proposal.government-partner': {
    en: 'Name at least one government partner.',
    ur: 'کم از کم ایک سرکاری شراکت دار درج کریں۔',
  },
  'fund.proposal.sdg-unknown': {
    en: '{{code}} is not an SDG target of the reference list.',
    ur: '{{code}} حوالہ جاتی فہرست کا کوئی SDG ہدف نہیں۔',
  },
  'fund.proposal.no-direct-costs': {
    en: 'The budget has no direct costs.',
    ur: 'بجٹ میں کوئی براہِ راست اخراجات نہیں۔',
  },
  'fund.proposal.budget-mismatch': {
    en: 'The budget does not add up: the direct costs of {{direct}} plus {{percent}}% indirect support costs of {{indirect}} come to {{total}}, not {{given}}.',
    ur: 'بجٹ کا میزان درست نہیں: {{direct}} کے براہِ راست اخراجات اور {{percent}}% بالواسطہ معاون اخراجات {{indirect}} مل کر {{total}} بنتے ہیں، {{given}} نہیں۔',
  },
  'fund.proposal.indicator-puno': {
    en: 'An indicator is reported by one of the participating organisations.',
    ur: 'اشاریے کی رپورٹ شریک اداروں میں سے کوئی ایک دیتا ہے۔',
  },
  'fund.proposal.edit-draft-only': {
    en: 'A proposal that is {{status}} cannot be edited; only a draft can.',
    ur: 'جو تجویز {{status}} ہو اس میں ترمیم نہیں ہو سکتی؛ صرف مسودے میں ہو سکتی ہے۔',
  },
  'fund.proposal.comment-needed': {
    en: 'Say what the authors should change.',
    ur: 'بتائیں کہ مصنفین کیا تبدیل کریں۔',
  },
  'fund.programme.unspent-balances': {
    en: 'The programme cannot be closed financially while participating organisations hold unspent balances ({{balances}} USD): record their refunds or expenditure first.',
    ur: 'جب تک شریک اداروں کے پاس غیر خرچ شدہ رقم ({{balances}} امریکی ڈالر) ہے، پروگرام مالی طور پر بند نہیں ہو سکتا: پہلے ان کی واپسی یا اخراجات درج کریں۔',
  },
  'fund.review.not-in-review': {
    en: 'Review comments are made while a proposal is reviewed; this one is {{status}}.',
    ur: 'جائزے کے تبصرے تجویز کے جائزے کے دوران کیے جاتے ہیں؛ یہ تجویز {{status}} ہے۔',
  },
  'fund.decision.conditions-needed': {
    en: 'State the conditions of the approval.',
    ur: 'منظوری کی شرائط بیان کریں۔',
  },
  'fund.decision.amount-for-every-puno': {
    en: 'An approval names the approved amount for every participating organisation.',
    ur: 'منظوری میں ہر شریک ادارے کی منظور شدہ رقم درج ہوتی ہے۔',
  },
  'fund.decision.amount-positive': {
    en: 'An approved amount is more than zero.',
    ur: 'منظور شدہ رقم صفر سے زیادہ ہوتی ہے۔',
  },
  'fund.programme.not-participating': {
    en: 'This organisation does not take part in the programme.',
    ur: 'یہ ادارہ اس پروگرام میں شریک نہیں۔',
  },
  'fund.decision.amounts-only-approval': {
    en: 'Only an approval names approved amounts.',
    ur: 'منظور شدہ رقوم صرف منظوری میں درج ہوتی ہیں۔',
  },
  'fund.transfer.exceeds-approved': {
    en: 'The transfer exceeds the approved amount: {{approved}} USD approved, {{transferred}} already transferred, {{remaining}} remains.',
    ur: 'منتقلی منظور شدہ رقم سے زیادہ ہے: {{approved}} امریکی ڈالر منظور، {{transferred}} پہلے ہی منتقل، {{remaining}} باقی۔',
  },
  'fund.transfer.overdraw': {
    en: 'The fund holds {{cash}} USD available for transfer; the transfer of {{amount}} would overdraw it.',
    ur: 'فنڈ میں منتقلی کے لیے {{cash}} امریکی ڈالر دستیاب ہیں؛ {{amount}} کی منتقلی اس سے زیادہ ہو گی۔',
  },
  'fund.refund.exceeds-balance': {
    en: "The refund exceeds the organisation's unspent balance of {{balance}} USD.",
    ur: 'واپسی ادارے کی {{balance}} امریکی ڈالر کی غیر خرچ شدہ رقم سے زیادہ ہے۔',
  },
  'fund.expenditure.future-year': {
    en: 'Expenditure is reported for a year that has begun.',
    ur: 'اخراجات صرف اس سال کے درج ہوتے ہیں جو شروع ہو چکا ہو۔',
  },
  'fund.expenditure.exceeds-transferred': {
    en: 'The expenditure reported, {{reported}} USD in all, exceeds the {{transferred}} USD transferred to the organisation.',
    ur: 'درج شدہ اخراجات، کل {{reported}} امریکی ڈالر، ادارے کو منتقل کیے گئے {{transferred}} امریکی ڈالر سے زیادہ ہیں۔',
  },
  'fund.period.end-before-start': {
    en: 'The end of the period comes before its start.',
    ur: 'مدت کا اختتام اس کے آغاز سے پہلے ہے۔',
  },
  'fund.document.title': {
    en: 'Give the document a title (at most 300 characters).',
    ur: 'دستاویز کا عنوان دیں (زیادہ سے زیادہ 300 حروف)۔',
  },
  'fund.document.kind': {
    en: 'Choose the kind of document: {{kinds}}.',
    ur: 'دستاویز کی قسم منتخب کریں: {{kinds}}۔',
  },
});
