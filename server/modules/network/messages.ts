import { defineMessages } from '../../platform/i18n';

/** Titles of the network module's notifications, in English and Urdu. */
defineMessages({
  'network.actionPoint.overdue': {
    en: 'Action point overdue: {{title}} (due {{dueDate}})',
    ur: 'ایکشن پوائنٹ کی مدت گزر گئی: {{title}} (آخری تاریخ {{dueDate}})',
  },
  'network.membership.approved': {
    en: 'The membership application of {{organisation}} was approved',
    ur: '{{organisation}} کی رکنیت کی درخواست منظور ہو گئی',
  },
  'network.membership.rejected': {
    en: 'The membership application of {{organisation}} was not approved',
    ur: '{{organisation}} کی رکنیت کی درخواست منظور نہیں ہوئی',
  },
  'network.minutes.circulated': {
    en: 'Minutes of "{{meeting}}" are circulated for your comments',
    ur: '"{{meeting}}" کی کارروائی آپ کے تبصروں کے لیے جاری کی گئی ہے',
  },
});

/** What the network module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'network.workplan.partner-unknown': {
    en: 'An organisation does not exist.',
    ur: 'ایک ادارہ موجود نہیں۔',
  },
  'network.workplan.sdg-unknown': {
    en: 'An SDG target is not known.',
    ur: 'ایک SDG ہدف معلوم نہیں۔',
  },
  'network.working-group.unknown': {
    en: 'The working group does not exist.',
    ur: 'یہ ورکنگ گروپ موجود نہیں۔',
  },
  'network.workplan.end-before-start': {
    en: 'The end is before the start.',
    ur: 'اختتام آغاز سے پہلے ہے۔',
  },
  'network.workplan.activity-needs-output': {
    en: 'An activity belongs to an existing output.',
    ur: 'سرگرمی کسی موجود آؤٹ پٹ کا حصہ ہوتی ہے۔',
  },
  'network.workplan.activity-outside-output': {
    en: "The activity must fall within its output's timeframe ({{from}} to {{to}}).",
    ur: 'سرگرمی اپنے آؤٹ پٹ کی مدت ({{from}} تا {{to}}) کے اندر ہونی چاہیے۔',
  },
  'network.workplan.output-excludes-activity': {
    en: "An activity ({{from}} to {{to}}) would fall outside this output's timeframe.",
    ur: 'ایک سرگرمی ({{from}} تا {{to}}) اس آؤٹ پٹ کی مدت سے باہر ہو جائے گی۔',
  },
  'network.workplan.parent-rule': {
    en: 'An activity belongs to an output; an output has no parent.',
    ur: 'سرگرمی کسی آؤٹ پٹ کا حصہ ہوتی ہے؛ آؤٹ پٹ کسی کا حصہ نہیں ہوتا۔',
  },
  'network.organisation.unknown': {
    en: 'The organisation does not exist.',
    ur: 'یہ ادارہ موجود نہیں۔',
  },
  'network.period.end-before-start': {
    en: 'The end of the period is before its start.',
    ur: 'مدت کا اختتام اس کے آغاز سے پہلے ہے۔',
  },
  'network.report.no-chair': {
    en: 'The network has no active chair account to send the report to.',
    ur: 'نیٹ ورک میں کوئی فعال چیئر اکاؤنٹ نہیں جسے رپورٹ بھیجی جائے۔',
  },
  'network.membership.person-not-member': {
    en: 'This person does not work for the member organisation.',
    ur: 'یہ شخص رکن ادارے میں کام نہیں کرتا۔',
  },
  'network.membership.left-before-joined': {
    en: 'The leaving date is before the joining date.',
    ur: 'علیحدگی کی تاریخ شمولیت کی تاریخ سے پہلے ہے۔',
  },
  'network.membership.overlap': {
    en: 'The organisation already has a membership in this period.',
    ur: 'اس مدت میں ادارے کی رکنیت پہلے سے موجود ہے۔',
  },
  'network.membership.overlaps-from': {
    en: 'Overlaps the membership from {{from}}.',
    ur: '{{from}} سے شروع ہونے والی رکنیت سے ٹکراتی ہے۔',
  },
  'network.membership.overlaps-period': {
    en: 'Overlaps the membership from {{from}} to {{to}}.',
    ur: '{{from}} تا {{to}} کی رکنیت سے ٹکراتی ہے۔',
  },
  'network.application.already-member': {
    en: 'Your organisation is already a member of the network.',
    ur: 'آپ کا ادارہ پہلے ہی نیٹ ورک کا رکن ہے۔',
  },
  'network.application.pending': {
    en: 'Your organisation already has an application under consideration.',
    ur: 'آپ کے ادارے کی ایک درخواست پہلے ہی زیرِ غور ہے۔',
  },
  'network.application.already-approved': {
    en: 'The application was already approved.',
    ur: 'یہ درخواست پہلے ہی منظور ہو چکی ہے۔',
  },
  'network.application.already-rejected': {
    en: 'The application was already rejected.',
    ur: 'یہ درخواست پہلے ہی مسترد ہو چکی ہے۔',
  },
  'network.application.changed': {
    en: 'The application was changed at the same time. Reload it.',
    ur: 'اسی وقت درخواست میں تبدیلی ہوئی۔ اسے دوبارہ کھولیں۔',
  },
  'network.application.reason-needed': {
    en: 'Give the reason for the rejection.',
    ur: 'مسترد کرنے کی وجہ بتائیں۔',
  },
  'network.working-group.co-chair-unknown': {
    en: 'A co-chair does not exist.',
    ur: 'ایک شریک چیئر موجود نہیں۔',
  },
  'network.working-group.edit-forbidden': {
    en: 'Only the co-chairs and the secretariat edit a working group.',
    ur: 'ورکنگ گروپ میں ترمیم صرف شریک چیئر اور سیکرٹریٹ کرتے ہیں۔',
  },
  'network.working-group.co-chairs-by-secretariat': {
    en: 'Only the secretariat appoints co-chairs.',
    ur: 'شریک چیئر صرف سیکرٹریٹ مقرر کرتا ہے۔',
  },
  'network.document.kind': {
    en: 'Choose the kind of document.',
    ur: 'دستاویز کی قسم منتخب کریں۔',
  },
  'network.document.title': {
    en: 'Give the document a title (at most 300 characters).',
    ur: 'دستاویز کا عنوان دیں (زیادہ سے زیادہ 300 حروف)۔',
  },
  'network.document.working-group-rule': {
    en: 'A working group ToR names its working group; other documents do not.',
    ur: 'ورکنگ گروپ کے ToR میں اس کا ورکنگ گروپ درج ہوتا ہے؛ دوسری دستاویزات میں نہیں۔',
  },
  'network.document.invalid-id': {
    en: 'Not a valid id.',
    ur: 'یہ درست شناخت نہیں۔',
  },
  'network.action-point.due-date-past': {
    en: 'The due date is in the past.',
    ur: 'آخری تاریخ گزر چکی ہے۔',
  },
  'network.action-point.responsible-not-owner': {
    en: 'The responsible person does not work for the owner organisation.',
    ur: 'ذمہ دار شخص مالک ادارے میں کام نہیں کرتا۔',
  },
  'network.meeting.unknown': {
    en: 'The meeting does not exist.',
    ur: 'یہ اجلاس موجود نہیں۔',
  },
  'network.decision.unknown': {
    en: 'The decision does not exist.',
    ur: 'یہ فیصلہ موجود نہیں۔',
  },
  'network.decision.other-meeting': {
    en: 'The decision was taken at another meeting.',
    ur: 'یہ فیصلہ کسی اور اجلاس میں ہوا تھا۔',
  },
  'network.meeting.ends-before-start': {
    en: 'The meeting ends before it starts.',
    ur: 'اجلاس شروع ہونے سے پہلے ختم ہوتا ہے۔',
  },
  'network.meeting.room-taken': {
    en: '\"{{meeting}}\" is in the same place at an overlapping time.',
    ur: '\"{{meeting}}\" اسی جگہ اسی وقت کے دوران ہو رہا ہے۔',
  },
  'network.meeting.overlaps': {
    en: 'Overlaps \"{{meeting}}\" ({{startsAt}}).',
    ur: '\"{{meeting}}\" ({{startsAt}}) سے ٹکراتا ہے۔',
  },
  'network.meeting.working-group-rule': {
    en: 'A working group meeting names its working group; other meetings do not.',
    ur: 'ورکنگ گروپ کے اجلاس میں اس کا ورکنگ گروپ درج ہوتا ہے؛ دوسرے اجلاسوں میں نہیں۔',
  },
  'network.meeting.invite-someone': {
    en: 'Choose whom to invite.',
    ur: 'منتخب کریں کہ کسے مدعو کرنا ہے۔',
  },
  'network.meeting.cancelled': {
    en: 'The meeting is cancelled.',
    ur: 'اجلاس منسوخ ہو چکا ہے۔',
  },
  'network.meeting.no-focal-point': {
    en: 'An organisation has no active membership with a focal point to invite.',
    ur: 'ایک ادارے کی کوئی فعال رکنیت نہیں جس کا فوکل پرسن مدعو کیا جا سکے۔',
  },
  'network.meeting.person-inactive': {
    en: 'A person does not exist or is not active.',
    ur: 'ایک شخص موجود نہیں یا فعال نہیں۔',
  },
  'network.meeting.organisation-twice': {
    en: 'An organisation is listed twice.',
    ur: 'ایک ادارہ دو بار درج ہے۔',
  },
  'network.minutes.approved': {
    en: 'Approved minutes cannot be changed. Record an amendment instead.',
    ur: 'منظور شدہ کارروائی تبدیل نہیں ہو سکتی۔ اس کے بجائے ترمیم درج کریں۔',
  },
  'network.minutes.already-circulated': {
    en: 'The minutes are already circulated for comment.',
    ur: 'کارروائی پہلے ہی تبصروں کے لیے جاری ہو چکی ہے۔',
  },
  'network.minutes.comments-while-circulated': {
    en: 'Comments are taken while the minutes are circulated.',
    ur: 'تبصرے اسی دوران لیے جاتے ہیں جب کارروائی جاری کی گئی ہو۔',
  },
  'network.minutes.agenda-item-unknown': {
    en: 'No such agenda item.',
    ur: 'ایجنڈے کا ایسا کوئی نکتہ نہیں۔',
  },
  'network.minutes.chair-approves': {
    en: 'The chair approves the minutes of network meetings.',
    ur: 'نیٹ ورک اجلاسوں کی کارروائی چیئر منظور کرتا ہے۔',
  },
  'network.minutes.approve-forbidden': {
    en: 'You may not approve these minutes.',
    ur: 'آپ یہ کارروائی منظور نہیں کر سکتے۔',
  },
  'network.minutes.circulate-first': {
    en: 'Circulate the minutes for comment before approving them.',
    ur: 'منظوری سے پہلے کارروائی تبصروں کے لیے جاری کریں۔',
  },
  'network.minutes.not-approved': {
    en: 'The minutes are not approved yet: edit the draft instead.',
    ur: 'کارروائی ابھی منظور نہیں ہوئی: اس کے بجائے مسودے میں ترمیم کریں۔',
  },
});
