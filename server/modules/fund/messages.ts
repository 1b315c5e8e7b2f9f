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
});
