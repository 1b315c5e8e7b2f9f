import { describe, expect, it } from 'vitest';
import { csvRow, neutraliseFormula, parseCsv, restoreFormulaGuard } from './csv';

describe('CSV', () => {
  it('reads back what csvRow wrote: commas, quotes, line breaks, empty cells and Urdu', () => {
    const rows = [
      ['a', 'with, comma', 'with "quotes"', 'two\r\nlines', '', 'محفوظ ہجرت'],
      ['', '', 'last'],
    ];
    expect(parseCsv(`\uFEFF${rows.map(csvRow).join('')}`)).toEqual(rows);
  });

  it('takes off only the formula guard it added', () => {
    expect(restoreFormulaGuard(neutraliseFormula('=SUM(A1)'))).toBe('=SUM(A1)');
    expect(restoreFormulaGuard("'quoted text")).toBe("'quoted text");
  });
});
