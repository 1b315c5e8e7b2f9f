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
