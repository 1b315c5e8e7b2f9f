import { AppError, fieldError } from '../errors';
import { defineMessages } from '../i18n';

const message = defineMessages({
  'input.nul-character': {
    en: 'Remove the invisible NUL character from this field.',
    ur: 'اس خانے سے غیر مرئی NUL حرف ہٹا دیں۔',
  },
});

/** The path of the first string holding U+0000 inside a parsed body, query or params, or null. */
function pathOfNul(value: unknown, where: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? where : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, `${where}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNul(key, where) ?? pathOfNul(item, where ? `${where}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL that reached a query answered 500. Every request
 * is checked once, before validation, and refused with 400 naming the field.
 */
export function refuseNulCharacters(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const field = pathOfNul(parts.params, '') ?? pathOfNul(parts.query, '') ?? pathOfNul(parts.body, '');
  if (field === null) return;
  const name = field || 'body';
  throw AppError.badRequest(message('input.nul-character'), [fieldError(name, message('input.nul-character'))]);
}
