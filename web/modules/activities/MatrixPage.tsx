import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GapMatrix } from '../../../common/schemas/activity-coverage';
import { withQuery } from '../../app/api';
import { FormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useGcmLabel } from '../network/shared';
import { CoverageFilterFields, NO_FILTERS, useLevelChoice, type CoverageFilters } from './CoverageFilters';

/** GCM objectives × provinces (or districts): the organisations working on each objective in each unit; the empty cells are the gaps. */
export function MatrixPage() {
  const { t, i18n } = useTranslation('activities');
  const urdu = i18n.language === 'ur';
  const gcmLabel = useGcmLabel();
  const { level, control: levelChoice } = useLevelChoice();
  const [filters, setFilters] = useState<CoverageFilters>(NO_FILTERS);
  const { gcmObjective: _objective, ...matrixFilters } = filters;
  const answer = useApiQuery<GapMatrix>(withQuery('/activities/gaps', { level, ...matrixFilters }));
  const matrix = answer.data?.level === Number(level) ? answer.data : undefined;
  const levelName = t(`coverage.levelNames.${level}`);
  const cellOf = new Map((matrix?.cells ?? []).map(([objective, unit, organisations]) => [`${objective}:${unit}`, organisations]));
  const gaps = matrix ? matrix.objectives.length * matrix.units.length - matrix.cells.length : 0;

  return (
    <Stack>
      <PageTitle
        actions={
          <Button component={Link} to="/activities/map" variant="light">
            {t('nav.map')}
          </Button>
        }
      >
        {t('gaps.title')}
      </PageTitle>
      <Text>{t('gaps.help')}</Text>
      {levelChoice}
      <CoverageFilterFields filters={filters} onChange={setFilters} withObjective={false} />
      <FormErrors error={answer.error ?? null} />
      {!matrix ? (
        <Loader size="sm" />
      ) : matrix.units.length === 0 ? (
        <Alert variant="outline" color="dark" title={t('coverage.noUnitsTitle', { level: levelName })}>
          {t('coverage.noUnits', { level: levelName })}
        </Alert>
      ) : (
        <>
          <Text fw={600}>{t('gaps.count', { count: gaps, cells: matrix.objectives.length * matrix.units.length })}</Text>
          <div role="region" aria-label={t('gaps.caption', { level: levelName })} tabIndex={0} className="table-scroll">
            <Table withTableBorder withColumnBorders>
              <Table.Caption>{t('gaps.caption', { level: levelName })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('gaps.objective')}</Table.Th>
                  {matrix.units.map((u) => (
                    <Table.Th key={u.id} scope="col">
                      {(urdu && u.nameUr) || u.nameEn}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matrix.objectives.map((objective) => (
                  <Table.Tr key={objective}>
                    <Table.Th scope="row" miw={{ base: 180, sm: 260 }}>
                      <Text size="sm">{gcmLabel(objective)}</Text>
                    </Table.Th>
                    {matrix.units.map((u, column) => {
                      const present = cellOf.get(`${objective}:${column}`);
                      return present ? (
                        <Table.Td key={u.id}>
                          <Group gap={4}>
                            {present.map((i) => {
                              const o = matrix.organisations[i];
                              return (
                                <abbr key={o.id} title={urdu ? o.nameUr : o.nameEn} style={{ whiteSpace: 'nowrap' }}>
                                  {o.acronym ?? (urdu ? o.nameUr : o.nameEn)}
                                </abbr>
                              );
                            })}
                          </Group>
                        </Table.Td>
                      ) : (
                        <Table.Td key={u.id} data-gap="true" style={{ background: 'var(--mantine-color-red-0)' }}>
                          <Badge color="red.9" variant="outline">
                            {t('gaps.gap')}
                          </Badge>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Text size="sm">{t('gaps.legend')}</Text>
        </>
      )}
    </Stack>
  );
}
