import { defineMessages } from '../../platform/i18n';

/** What the places module answers when a boundary file or a request breaks one of its rules, in English and Urdu. */
export const msg = defineMessages({
  'places.import.not-json': {
    en: 'The file is not valid JSON: {{reason}}',
    ur: 'فائل درست JSON نہیں ہے: {{reason}}',
  },
  'places.import.not-feature-collection': {
    en: 'The file is not a GeoJSON FeatureCollection (a "type": "FeatureCollection" object with a "features" list).',
    ur: 'فائل GeoJSON FeatureCollection نہیں ہے ("type": "FeatureCollection" اور "features" کی فہرست والا آبجیکٹ)۔',
  },
  'places.import.empty': {
    en: 'The file has no features.',
    ur: 'فائل میں کوئی فیچر نہیں ہے۔',
  },
  'places.import.missing-property': {
    en: 'Feature {{index}} has no "{{property}}" property.',
    ur: 'فیچر {{index}} میں "{{property}}" خاصیت نہیں ہے۔',
  },
  'places.import.duplicate-code': {
    en: 'The code "{{code}}" appears more than once (features {{first}} and {{second}}).',
    ur: 'کوڈ "{{code}}" ایک سے زیادہ بار آیا ہے (فیچر {{first}} اور {{second}})۔',
  },
  'places.import.not-polygon': {
    en: 'Feature {{index}} ({{code}}) has a {{type}} geometry; boundaries must be Polygon or MultiPolygon.',
    ur: 'فیچر {{index}} ({{code}}) کی جیومیٹری {{type}} ہے؛ حدود Polygon یا MultiPolygon ہونی چاہییں۔',
  },
  'places.import.code-other-level': {
    en: 'The code "{{code}}" is already a unit of level {{level}}.',
    ur: 'کوڈ "{{code}}" پہلے سے سطح {{level}} کی اکائی ہے۔',
  },
  'places.import.unknown-parent': {
    en: 'The parent code "{{parent}}" of "{{code}}" is not a unit of level {{level}}.',
    ur: '"{{code}}" کا بالائی کوڈ "{{parent}}" سطح {{level}} کی کوئی اکائی نہیں ہے۔',
  },
  'places.import.no-parent': {
    en: 'No unit of level {{level}} contains "{{code}}": import level {{level}} first, or name the parent-code property.',
    ur: 'سطح {{level}} کی کوئی اکائی "{{code}}" پر مشتمل نہیں: پہلے سطح {{level}} درآمد کریں، یا بالائی کوڈ کی خاصیت بتائیں۔',
  },
  'places.import.unknown-iso': {
    en: '"{{iso}}" of "{{code}}" is not an ISO 3166-2 code Hamsafar knows.',
    ur: '"{{code}}" کا "{{iso}}" ایسا ISO 3166-2 کوڈ نہیں جو ہمسفر جانتا ہو۔',
  },
  'places.import.changed-since-preview': {
    en: 'The file is not the one previewed: preview it again.',
    ur: 'یہ وہ فائل نہیں جس کا پیش منظر دیکھا گیا تھا: دوبارہ پیش منظر دیکھیں۔',
  },
  'places.import.field-required': {
    en: 'This field is required.',
    ur: 'یہ خانہ لازمی ہے۔',
  },
  'places.import.field-invalid': {
    en: 'This value is not valid: {{reason}}',
    ur: 'یہ قدر درست نہیں: {{reason}}',
  },
});
