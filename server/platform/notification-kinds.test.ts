import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** Every kind the server can notify about, found by its message definition in server code. */
function serverKinds(): string[] {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        // A module's problem messages (`export const msg = defineMessages(…)`) are not notification kinds.
        const text = fs.readFileSync(full, 'utf8').replace(/export const msg = defineMessages\(\{[\s\S]*?\n\}\);/g, '');
        for (const m of text.matchAll(/'((?:notification|network|fund|protection)\.[A-Za-z]+\.[A-Za-z]+)': \{/g)) kinds.add(m[1]);
      }
    }
  };
  walk(path.join(root, 'server'));
  return [...kinds].sort();
}

describe('notification kinds', () => {
  it('each kind the server defines has a preference label in English and Urdu', () => {
    const kinds = serverKinds();
    expect(kinds.length).toBeGreaterThan(10);
    for (const language of ['en', 'ur']) {
      const labels = JSON.parse(fs.readFileSync(path.join(root, `web/i18n/${language}/notificationKinds.json`), 'utf8'));
      expect(kinds.filter((k) => !labels[k]), language).toEqual([]);
    }
  });
});
