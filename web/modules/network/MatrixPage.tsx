import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { currentLanguage } from '../../app/i18n';
import { useGcmLabel } from './shared';
import type { WorkplanMatrix } from './types';

/** GCM objectives × organisations: who leads or partners where, and the objectives nobody works on. */
export function MatrixPage() {
  const { t } = useTranslation('network');
  const gcmLabel = useGcmLabel();
  const matrix = useApiQuery<WorkplanMatrix>('/network/workplan/matrix');
  if (matrix.error) return <FormErrors error={matrix.error} />;
  if (!matrix.data) return <Loading />;
  const { objectives, organisations, cells, gaps } = matrix.data;
  const cell = (organisationId: string, objective: number) => cells.find((c) => c.organisationId === organisationId && c.objective === objective);
  const shortName = (o: (typeof organisations)[number]) => (currentLanguage() === 'ur' ? o.nameUr : (o.acronym ?? o.nameEn));

  return (
    <Stack>
      <PageTitle>{t('matrix.title')}</PageTitle>
      <Text>{t('matrix.help')}</Text>
      <Alert color={gaps.length ? 'red.9' : 'teal.9'} variant="outline" title={t('matrix.gapsTitle', { count: gaps.length })}>
        {gaps.length ? gaps.map((n) => gcmLabel(n, false)).join(', ') : t('matrix.noGaps')}
      </Alert>
      <div role="region" aria-label={t('matrix.title')} tabIndex={0} className="table-scroll">
        <Table withTableBorder withColumnBorders striped>
          <Table.Caption className="visually-hidden">{t('matrix.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('matrix.objective')}</Table.Th>
              {organisations.map((o) => (
                <Table.Th key={o.id} scope="col">
                  <abbr title={currentLanguage() === 'ur' ? o.nameUr : o.nameEn}>{shortName(o)}</abbr>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objectives.map((objective) => (
              <Table.Tr key={objective.number} data-gap={objective.gap ? 'true' : undefined} style={objective.gap ? { background: 'var(--mantine-color-red-0)' } : undefined}>
                <Table.Th scope="row" miw={{ base: 200, sm: 260 }}>
                  <Text size="sm">{gcmLabel(objective.number)}</Text>
                  {objective.gap && <Badge color="red.9">{t('matrix.gap')}</Badge>}
                </Table.Th>
                {organisations.map((o) => {
                  const c = cell(o.id, objective.number);
                  return (
                    <Table.Td key={o.id} style={{ textAlign: 'center' }}>
                      {c ? <span title={t(`matrix.roles.${c.role}`)}>{t(`matrix.short.${c.role}`)}</span> : <span className="visually-hidden">{t('matrix.none')}</span>}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Text size="sm">{t('matrix.legend')}</Text>
    </Stack>
  );
}
