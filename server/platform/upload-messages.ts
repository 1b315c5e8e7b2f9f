import { defineMessages } from './i18n';

/** What the platform answers about an uploaded file, for every module that takes uploads. */
export const uploadMessage = defineMessages({
  'upload.not-multipart': { en: 'Send the file as multipart/form-data.', ur: 'فائل multipart/form-data کے طور پر بھیجیں۔' },
  'upload.no-file': { en: 'Attach the file.', ur: 'فائل منسلک کریں۔' },
  'upload.empty': { en: 'The file is empty.', ur: 'فائل خالی ہے۔' },
  'upload.too-large': { en: 'The file is too large.', ur: 'فائل بہت بڑی ہے۔' },
  'upload.max-size': { en: 'Files may be at most {{megabytes}} MB.', ur: 'فائل زیادہ سے زیادہ {{megabytes}} MB کی ہو سکتی ہے۔' },
  'upload.type-refused': { en: 'Files of type {{type}} are not accepted here.', ur: '{{type}} قسم کی فائلیں یہاں قبول نہیں۔' },
  'upload.name-contradicts': {
    en: 'The file is named .{{extension}} but its content is {{type}}.',
    ur: 'فائل کا نام .{{extension}} ہے لیکن اس کا مواد {{type}} ہے۔',
  },
  'upload.accepted-types': { en: 'Accepted types: {{types}}', ur: 'قبول شدہ اقسام: {{types}}' },
});
