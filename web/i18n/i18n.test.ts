import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HTCDS_ORG_TYPES, ORGANISATION_TYPES, PK_SUBDIVISIONS, SERVICE_TYPES } from '../../common/organisations';

const I18N_DIR = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIR = path.dirname(I18N_DIR);
const LANGUAGES = ['en', 'ur'] as const;

type Catalogue = Record<string, string>;

function flatten(value: unknown, prefix = '', into: Catalogue = {}): Catalogue {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return into;
}

function namespacesOf(language: string): string[] {
  const dir = path.join(I18N_DIR, language);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];
}

function load(language: string, namespace: string): Catalogue {
  const file = path.join(I18N_DIR, language, `${namespace}.json`);
  return fs.existsSync(file) ? flatten(JSON.parse(fs.readFileSync(file, 'utf8'))) : {};
}

const namespaces = [...new Set(LANGUAGES.flatMap(namespacesOf))].sort();
const catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, Object.fromEntries(namespaces.map((ns) => [ns, load(language, ns)]))])) as Record<
  (typeof LANGUAGES)[number],
  Record<string, Catalogue>
>;

/** A key is present as itself or, for counted texts, as its plural forms. */
function has(catalogue: Catalogue | undefined, key: string): boolean {
  if (!catalogue) return false;
  return key in catalogue || `${key}_other` in catalogue;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

/**
 * Literal keys used in the web code: `t('ns:key')`, `t('key', { ns: 'x' })`, or `t('key')` read in
 * the namespace of the closest `useTranslation(...)` above it in the file (`common` by default).
 */
function usedKeys(): Array<{ file: string; ns: string; key: string }> {
  const found: Array<{ file: string; ns: string; key: string }> = [];
  const pattern = /useTranslation\(\s*(?:\[\s*)?'([^']+)'|\bt\(\s*'([^'$`]+)'(?:\s*,\s*\{[^()]*?\bns:\s*'([^']+)')?/g;
  for (const file of sourceFiles(WEB_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    let current = 'common';
    for (const match of text.matchAll(pattern)) {
      if (match[1]) {
        current = match[1];
        continue;
      }
      const raw = match[2];
      const [ns, key] = raw.includes(':') ? [raw.slice(0, raw.indexOf(':')), raw.slice(raw.indexOf(':') + 1)] : [match[3] ?? current, raw];
      found.push({ file: path.relative(WEB_DIR, file), ns, key });
    }
  }
  return found;
}

describe('web translations', () => {
  it('finds the shell namespaces in both languages', () => {
    for (const ns of ['common', 'auth', 'admin']) {
      for (const language of LANGUAGES) expect(namespacesOf(language), `${language}/${ns}.json`).toContain(ns);
    }
  });

  it.each(namespaces)('namespace %s has the same keys in English and Urdu, none empty', (ns) => {
    const en = catalogues.en[ns];
    const ur = catalogues.ur[ns];
    expect(Object.keys(ur).filter((key) => !(key in en)), `keys only in ur/${ns}.json`).toEqual([]);
    expect(Object.keys(en).filter((key) => !(key in ur)), `keys missing from ur/${ns}.json`).toEqual([]);
    for (const language of LANGUAGES) {
      const empty = Object.entries(catalogues[language][ns]).filter(([, text]) => text.trim() === '');
      expect(empty.map(([key]) => key), `empty texts in ${language}/${ns}.json`).toEqual([]);
    }
  });

  it('has every key that the web code uses, in both languages', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(100);
    const missing = LANGUAGES.flatMap((language) =>
      used.filter(({ ns, key }) => !has(catalogues[language][ns], key)).map(({ file, ns, key }) => `${language}/${ns}.json: ${key} (${file})`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('names every organisation type, HTCDS type, service and province, and each feature module', () => {
    const expected = [
      ...ORGANISATION_TYPES.map((v) => `organisations.types.${v}`),
      ...HTCDS_ORG_TYPES.map((v) => `organisations.htcdsTypes.${v}`),
      ...SERVICE_TYPES.map((v) => `organisations.serviceTypes.${v}`),
      ...PK_SUBDIVISIONS.map((v) => `organisations.provinces.${v}`),
      ...['held', 'pending', 'sent', 'failed'].map((v) => `outbox.statuses.${v}`),
    ];
    for (const language of LANGUAGES) {
      expect(expected.filter((key) => !has(catalogues[language].admin, key)), `${language}/admin.json`).toEqual([]);
      // Each folder of web/modules is a module whose key is the folder's name; the navigation titles its section by it.
      const modules = fs.readdirSync(path.join(I18N_DIR, '../modules'));
      expect(modules.length).toBeGreaterThanOrEqual(5);
      expect(modules.filter((m) => !has(catalogues[language].common, `modules.${m}`)), `${language}/common.json`).toEqual([]);
    }
  });
});
