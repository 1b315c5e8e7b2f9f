import { describe, expect, it } from 'vitest';
import { languageAfterSignIn } from './session';

describe('language after sign-in', () => {
  it('keeps the language chosen on the sign-in page over the saved one, and saves it to the profile', () => {
    expect(languageAfterSignIn('en', 'ur')).toEqual({ language: 'ur', saveToProfile: true });
    expect(languageAfterSignIn('ur', 'en')).toEqual({ language: 'en', saveToProfile: true });
  });

  it('needs no save when the choice matches the profile', () => {
    expect(languageAfterSignIn('ur', 'ur')).toEqual({ language: 'ur', saveToProfile: false });
  });

  it('takes the saved language when none was chosen before signing in', () => {
    expect(languageAfterSignIn('ur', null)).toEqual({ language: 'ur', saveToProfile: false });
    expect(languageAfterSignIn('en', null)).toEqual({ language: 'en', saveToProfile: false });
  });
});
