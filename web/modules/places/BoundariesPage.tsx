import { Alert, Autocomplete, Button, FileInput, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Permission } from '../../../common/permissions';
import { api, withQuery } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { showDone } from '../network/shared';

// MapLibre is large: the map is its own chunk, fetched when a map is first shown.
const BoundaryMap = lazy(() => import('./BoundaryMap'));

interface Unit {
  id: string;
  code: string;
  level: number;
  nameEn: string;
  nameUr: string | null;
  parentId: string | null;
  iso: string | null;
  retiredAt: string | null;
}

interface UnitSet {
  id: string;
  gazetteer: string;
  version: string;
  source: string;
  licence: string;
  importedAt: string;
  units: number;
}

interface Preview {
  digest: string;
  level: number;
  counts: { new: number; changed: number; unchanged: number; retired: number; deleted: number; reparented: number };
  removed: Array<{ code: string; nameEn: string; outcome: 'retired' | 'deleted' }>;
  features?: GeoJSON.FeatureCollection;
}

const LEVELS = ['1', '2', '3'] as const;
const FIELDS = ['file', 'level', 'codeProperty', 'nameProperty', 'nameUrProperty', 'parentCodeProperty', 'isoProperty', 'gazetteer', 'version'];

function useUrdu(): boolean {
  const { i18n } = useTranslation();
  return i18n.language === 'ur';
}

function MapOf({ features, label }: { features: GeoJSON.FeatureCollection | undefined; label: string }) {
  const urdu = useUrdu();
  if (!features) return <Loader size="sm" />;
  return (
    <Suspense fallback={<Loader size="sm" />}>
      <BoundaryMap features={features} label={label} nameKey={urdu ? 'nameUr' : 'nameEn'} />
    </Suspense>
  );
}

/** The property names of a GeoJSON file's features, read in the browser to offer them as choices. */
async function propertiesOf(file: File): Promise<string[]> {
  try {
    const parsed = JSON.parse(await file.text()) as { features?: Array<{ properties?: Record<string, unknown> }> };
    return [...new Set((parsed.features ?? []).slice(0, 50).flatMap((f) => Object.keys(f.properties ?? {})))].sort();
  } catch {
    // The server names what is wrong with the file at the preview.
    return [];
  }
}

function ImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('places');
  const form = useFormErrors();
  const [file, setFile] = useState<File | null>(null);
  const [properties, setProperties] = useState<string[]>([]);
  const [values, setValues] = useState({ level: '2', codeProperty: '', nameProperty: '', nameUrProperty: '', parentCodeProperty: '', isoProperty: '', gazetteer: '', version: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const set = (key: keyof typeof values) => (value: string | null) => {
    setValues((v) => ({ ...v, [key]: value ?? '' }));
    setPreview(null);
  };

  async function chooseFile(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setProperties(chosen ? await propertiesOf(chosen) : []);
  }

  function body(digest?: string): FormData {
    const data = new FormData();
    // Text fields go before the file: the server reads them as it reaches the file part.
    for (const [key, value] of Object.entries(values)) if (value.trim() !== '') data.append(key, value.trim());
    if (digest) data.append('digest', digest);
    if (file) data.append('file', file);
    return data;
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    const answer = await form.run(() => api.upload<Preview>('/places/imports/preview', body()));
    if (answer) setPreview(answer);
  }

  async function commit() {
    if (!preview) return;
    const answer = await form.run(() => api.upload<Preview>('/places/imports', body(preview.digest)));
    if (!answer) return;
    showDone(t('import.done', { count: answer.counts.new + answer.counts.changed }));
    setPreview(null);
    onImported();
  }

  const property = (key: 'codeProperty' | 'nameProperty' | 'nameUrProperty' | 'parentCodeProperty' | 'isoProperty', required = false) => (
    <Autocomplete label={t(`import.${key}`)} description={t(`import.${key}Hint`)} required={required} data={properties} value={values[key]} onChange={set(key)} error={form.fieldError(key)} />
  );

  return (
    <Paper withBorder p="md">
      <form onSubmit={showPreview} noValidate aria-labelledby="places-import-title">
        <Stack gap="sm">
          <Title id="places-import-title" order={2} size="h3">
            {t('import.title')}
          </Title>
          <Text size="sm">{t('import.intro')}</Text>
          <FormErrors error={form.error} fields={FIELDS} />
          <FileInput label={t('import.file')} required accept=".geojson,.json" value={file} onChange={chooseFile} error={form.fieldError('file')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('import.level')} required data={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} value={values.level} onChange={set('level')} error={form.fieldError('level')} allowDeselect={false} />
            {property('codeProperty', true)}
            {property('nameProperty', true)}
            {property('nameUrProperty')}
            {property('parentCodeProperty')}
            {property('isoProperty')}
            <TextInput label={t('import.gazetteer')} description={t('import.gazetteerHint')} required value={values.gazetteer} onChange={(e) => set('gazetteer')(e.currentTarget.value)} error={form.fieldError('gazetteer')} />
            <TextInput label={t('import.version')} required value={values.version} onChange={(e) => set('version')(e.currentTarget.value)} error={form.fieldError('version')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={form.busy && !preview}>
              {t('import.preview')}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview && (
        <Stack mt="md" gap="sm" aria-live="polite">
          <Title order={3} size="h4">
            {t('import.previewTitle', { level: t(`levels.${preview.level}`) })}
          </Title>
          <Text size="sm">{t('import.nothingChanged')}</Text>
          <Table withTableBorder maw={420}>
            <Table.Tbody>
              {(['new', 'changed', 'unchanged', 'retired', 'deleted', 'reparented'] as const).map((key) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{t(`import.counts.${key}`)}</Table.Th>
                  <Table.Td>{preview.counts[key]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.removed.length > 0 && (
            <Table withTableBorder>
              <Table.Caption>{t('import.removedCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('units.code')}</Table.Th>
                  <Table.Th>{t('units.name')}</Table.Th>
                  <Table.Th>{t('import.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.removed.map((r) => (
                  <Table.Tr key={r.code}>
                    <Table.Td>{r.code}</Table.Td>
                    <Table.Td>{r.nameEn}</Table.Td>
                    <Table.Td>{t(`import.outcomes.${r.outcome}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm">{t('import.legend')}</Text>
          <MapOf features={preview.features} label={t('import.mapLabel', { count: preview.features?.features.length ?? 0 })} />
          <Group justify="flex-end">
            <Button onClick={commit} loading={form.busy}>
              {t('import.commit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** Administrative units with their boundaries on a map, the gazetteers they come from, and (for the secretariat) the import. */
export function BoundariesPage() {
  const { t } = useTranslation('places');
  const urdu = useUrdu();
  const session = useSession();
  const [level, setLevel] = useState<string>('1');
  const map = useApiQuery<GeoJSON.FeatureCollection>(`/places/levels/${level}/features`);
  const units = useApiQuery<{ items: Unit[]; total: number }>(withQuery('/places/units', { level, limit: 200 }));
  const parents = useApiQuery<{ items: Unit[] }>(level === '1' ? null : withQuery('/places/units', { level: Number(level) - 1, limit: 200 }));
  const sets = useApiQuery<{ items: UnitSet[]; notice: string }>('/places/sets');
  const parentName = useMemo(() => new Map((parents.data?.items ?? []).map((p) => [p.id, urdu ? (p.nameUr ?? p.nameEn) : p.nameEn])), [parents.data, urdu]);
  const reload = () => {
    map.reload();
    units.reload();
    parents.reload();
    sets.reload();
  };

  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Alert variant="outline" color="dark" title={t('displayOnlyTitle')}>
        {t('displayOnly')}
      </Alert>
      <FormErrors error={map.error ?? units.error ?? sets.error ?? null} />
      <SegmentedControl aria-label={t('levelChoice')} value={level} onChange={setLevel} data={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
      <MapOf features={map.data} label={t('mapLabel', { level: t(`levels.${level}`), count: map.data?.features.length ?? 0 })} />
      <Table withTableBorder striped>
        <Table.Caption>{t('units.caption', { count: units.data?.total ?? 0, level: t(`levels.${level}`) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('units.name')}</Table.Th>
            <Table.Th>{t('units.code')}</Table.Th>
            {level === '1' ? <Table.Th>{t('units.iso')}</Table.Th> : <Table.Th>{t('units.parent')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(units.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{urdu ? (u.nameUr ?? u.nameEn) : u.nameEn}</Table.Td>
              <Table.Td>{u.code}</Table.Td>
              <Table.Td>{level === '1' ? (u.iso ?? '—') : (u.parentId ? parentName.get(u.parentId) : '—')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {units.data?.total === 0 && <Text c="dimmed">{t('units.none')}</Text>}
      <Table withTableBorder>
        <Table.Caption>{t('sets.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sets.gazetteer')}</Table.Th>
            <Table.Th>{t('sets.version')}</Table.Th>
            <Table.Th>{t('sets.licence')}</Table.Th>
            <Table.Th>{t('sets.importedAt')}</Table.Th>
            <Table.Th>{t('sets.units')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(sets.data?.items ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.gazetteer}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }}>{s.version}</Table.Td>
              <Table.Td>{s.licence}</Table.Td>
              <Table.Td>{s.importedAt.slice(0, 10)}</Table.Td>
              <Table.Td>{s.units}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {session.hasPermission(Permission.PlacesImport) && <ImportForm onImported={reload} />}
    </Stack>
  );
}
