import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import type { Language } from './i18n';

const SANS = "'Noto Sans', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
// Latin text inside Urdu pages (e-mails, codes) falls back to Noto Sans.
const NASTALIQ = `'Noto Nastaliq Urdu', ${SANS}`;

/** A deep green, dark enough from shade 7 on for 4.5:1 contrast against white and its own tints. */
const hamsafar: MantineColorsTuple = ['#e7f4f0', '#c6e5dc', '#9fd3c4', '#72bea9', '#4aa98f', '#2a957a', '#137f66', '#0a6a55', '#065847', '#04473a'];

/** Mantine's orange with its darkest shade deepened: white text on #d9480f is 4.3:1, below AA; on #b33c00, 5.6:1. */
const orange: MantineColorsTuple = [...DEFAULT_THEME.colors.orange.slice(0, 9), '#b33c00'] as unknown as MantineColorsTuple;

/**
 * Nastaliq letters rise and fall far beyond Latin ones, so Urdu gets about twice the line height.
 * The primary shade is dark enough for 4.5:1 contrast of white text on buttons and of links.
 */
export function themeFor(language: Language): MantineThemeOverride {
  const urdu = language === 'ur';
  return createTheme({
    colors: { hamsafar, orange },
    primaryColor: 'hamsafar',
    primaryShade: 8,
    fontFamily: urdu ? NASTALIQ : SANS,
    lineHeights: urdu
      ? { xs: '2', sm: '2.1', md: '2.2', lg: '2.2', xl: '2.2' }
      : { xs: '1.4', sm: '1.45', md: '1.55', lg: '1.6', xl: '1.65' },
    headings: {
      fontFamily: urdu ? NASTALIQ : SANS,
      fontWeight: '700',
      sizes: urdu
        ? { h1: { fontSize: '1.75rem', lineHeight: '2' }, h2: { fontSize: '1.4rem', lineHeight: '2' }, h3: { fontSize: '1.15rem', lineHeight: '2' } }
        : { h1: { fontSize: '1.75rem', lineHeight: '1.3' }, h2: { fontSize: '1.4rem', lineHeight: '1.35' }, h3: { fontSize: '1.15rem', lineHeight: '1.4' } },
    },
    defaultRadius: 'sm',
    focusRing: 'always',
  });
}

/** Mantine's default dimmed and error colours are too light on white for WCAG AA. */
export const accessibleColours: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7],
    '--mantine-color-error': theme.colors.red[9],
    '--mantine-color-anchor': theme.colors.hamsafar[8],
    '--mantine-color-placeholder': theme.colors.gray[6],
  },
  dark: {},
});
