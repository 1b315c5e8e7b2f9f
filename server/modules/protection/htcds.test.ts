import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HTCDS, HTCDS_EXPORT_COLUMNS, parseHtcdsFieldStandards } from '../../../common/htcds';

const csv = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../common/reference/htcds/htcds-Field_Standards.csv'), 'utf8');
const fields = parseHtcdsFieldStandards(csv);

describe('HTCDS 2.0 field standard', () => {
  it('has every value list exactly as the standard CSV defines it', () => {
    for (const [name, values] of Object.entries(HTCDS)) {
      const field = fields.find((f) => f.name === name);
      expect(field, name).toBeDefined();
      expect([...values], name).toEqual(field!.values);
    }
  });

  it('exports only field names of the standard (besides the derived case number and countries)', () => {
    const names = new Set(fields.map((f) => f.name));
    expect(HTCDS_EXPORT_COLUMNS.filter((c) => !names.has(c))).toEqual(['cas_CaseNumber', 'hte_Countries']);
  });
});
