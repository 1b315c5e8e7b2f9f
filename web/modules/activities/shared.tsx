import { Fieldset, NumberInput, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, figureTotals, POPULATION_GROUPS, SEXES, type FigureCell } from '../../../common/activities';
import type { ActivityDetail, ActivityReport, ActivitySummary, ReportingPeriod } from '../../../common/schemas/activities';

export type { ActivityDetail, ActivityReport, ActivitySummary, ReportingPeriod, FigureCell };

/** People by sex × age band × group, one number input a cell; the totals are derived as the server does. */
export function FiguresGrid({ label, cells, onChange, error }: { label: string; cells: FigureCell[]; onChange: (cells: FigureCell[]) => void; error?: React.ReactNode }) {
  const { t } = useTranslation('activities');
  const value = (sex: FigureCell['sex'], ageBand: FigureCell['ageBand'], group: FigureCell['group']) => cells.find((c) => c.sex === sex && c.ageBand === ageBand && c.group === group)?.people ?? 0;
  const set = (sex: FigureCell['sex'], ageBand: FigureCell['ageBand'], group: FigureCell['group'], people: number) =>
    onChange([...cells.filter((c) => !(c.sex === sex && c.ageBand === ageBand && c.group === group)), ...(people > 0 ? [{ sex, ageBand, group, people }] : [])]);
  const totals = figureTotals(cells);
  return (
    // Mantine's Fieldset may shrink below its content (a bare fieldset may not), so the grid scrolls inside a phone's width.
    <Fieldset legend={label}>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('figures.group')}</Table.Th>
              {SEXES.flatMap((sex) => AGE_BANDS.map((age) => <Table.Th key={`${sex}${age}`}>{`${t(`sexes.${sex}`)} ${age}`}</Table.Th>))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {POPULATION_GROUPS.map((group) => (
              <Table.Tr key={group}>
                <Table.Th scope="row">{t(`groups.${group}`)}</Table.Th>
                {SEXES.flatMap((sex) =>
                  AGE_BANDS.map((age) => (
                    <Table.Td key={`${sex}${age}`}>
                      <NumberInput
                        aria-label={`${label}: ${t(`groups.${group}`)}, ${t(`sexes.${sex}`)}, ${age}`}
                        min={0}
                        allowDecimal={false}
                        hideControls
                        value={value(sex, age, group)}
                        onChange={(v) => set(sex, age, group, Number(v) || 0)}
                      />
                    </Table.Td>
                  )),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">{t('figures.total', { total: totals.total })}</Text>
      {error && <Text c="red.9" size="sm">{error}</Text>}
    </Fieldset>
  );
}
