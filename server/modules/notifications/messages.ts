import { defineMessages } from '../../platform/i18n';

/** What the notifications module answers when a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'notifications.preferences.kind-repeated': {
    en: 'Each kind may appear only once.',
    ur: 'ہر قسم صرف ایک بار آ سکتی ہے۔',
  },
});
