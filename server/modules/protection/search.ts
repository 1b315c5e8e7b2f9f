import type { NetworkCipher } from '../../platform/crypto';

/** Digits only, so `35202-1234567-1` and `3520212345671` find the same person. */
export function cnicDigits(cnic: string): string {
  return cnic.replace(/\D/g, '');
}

/** Lower case, diacritics stripped, runs of spaces and punctuation collapsed: "Muḥammad  ALI" → "muhammad ali". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function fullName(parts: Array<string | null | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join(' ');
}

/** The name lists show, first and family name, sealed as one value so that a list opens one ciphertext a row. */
export function sealedDisplayName(cipher: NetworkCipher, firstName: string | null | undefined, secondName: string | null | undefined): string | null {
  return cipher.encrypt(fullName([firstName, secondName]) || null);
}

export function identityIndex(cipher: NetworkCipher, cnic: string | null | undefined): string | null {
  return cnic ? cipher.blindIndex(`cnic:${cnicDigits(cnic)}`) : null;
}

export function nameIndex(cipher: NetworkCipher, name: string): string | null {
  const normalised = normaliseName(name);
  return normalised ? cipher.blindIndex(`name:${normalised}`) : null;
}

/**
 * The seam for finding a person by name. Today only exact matches of the normalised full name,
 * through the blind index. The record-linkage work plugs in a fuzzy matcher (spelling variants
 * such as Muhammad/Mohammad) behind the same interface, without the services changing.
 */
export interface NameMatcher {
  /** Blind-index keys to look up for a searched name. */
  lookupKeys(cipher: NetworkCipher, name: string): string[];
}

export const exactNameMatcher: NameMatcher = {
  lookupKeys(cipher, name) {
    const key = nameIndex(cipher, name);
    return key ? [key] : [];
  },
};
