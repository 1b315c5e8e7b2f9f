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
