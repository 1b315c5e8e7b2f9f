import { Alert, Anchor, Button, FileInput, Group, Paper, Progress, Radio, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, downloadUrl } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';

interface ImportReport {
  rows: number;
  valid: number;
  invalid: number;
  problems: Array<{ row: number; column: string; code: string; message: string }>;
}
interface ImportResult {
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  report: ImportReport;
}
interface ImportProgress {
  phase: 'checking' | 'writing' | 'done';
  done: number;
  total: number;
}
type Mode = 'valid-only' | 'all-or-nothing';
/** Activities (one row each) or period reports (one row per activity and period). */
type SheetTable = 'activities' | 'reports';

const POLL_MS = 700;

/** Polls the server for how far the running step is, while `importId` is set. */
function useProgress(importId: string | null): ImportProgress | null {
  const [state, setState] = useState<ImportProgress | null>(null);
  useEffect(() => {
    setState(null);
    if (!importId) return;
    const timer = setInterval(() => {
      api.get<ImportProgress>(`/activities/import/${importId}/progress`).then(setState, () => {});
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [importId]);
  return state;
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Bulk import of the 5W table or of period reports: template, dry run, then an import in one of two modes. */
export function ImportPage() {
  const { t } = useTranslation('activities');
  const form = useFormErrors();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [table, setTable] = useState<SheetTable>('activities');
  const [running, setRunning] = useState<string | null>(null);
  const progress = useProgress(running);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  function body(importId?: string, withMode = false): FormData {
    const data = new FormData();
    // Text fields go before the file: the server reads them as it reaches the file part.
    data.append('table', table);
    if (importId) data.append('importId', importId);
    if (withMode) data.append('mode', mode);
    if (file) data.append('file', file);
    return data;
  }

  async function step<T>(work: (importId: string) => Promise<T>): Promise<T | undefined> {
    const importId = crypto.randomUUID();
    setRunning(importId);
    try {
      return await form.run(() => work(importId));
    } finally {
      setRunning(null);
    }
  }

  async function dryRun() {
    setResult(null);
    const answer = await step((id) => api.upload<ImportReport>('/activities/import/dry-run', body(id)));
    if (answer) {
      setReport(answer);
      requestAnimationFrame(() => reportHeading.current?.focus());
    }
  }

  async function runImport() {
    const answer = await step((id) => api.upload<ImportResult>('/activities/import', body(id, true)));
    if (answer) {
      setResult(answer);
      setReport(answer.report);
    }
  }

  async function downloadReport() {
    const blob = await form.run(() => api.uploadForFile('/activities/import/dry-run/report', body()));
    if (blob) saveFile(blob, 'import-report.csv');
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack>
      <PageTitle>{t('import.title')}</PageTitle>
      <Text>{t('import.intro')}</Text>
      <SegmentedControl
        aria-label={t('import.table')}
        value={table}
        onChange={(value) => {
          setTable(value as SheetTable);
          setReport(null);
          setResult(null);
        }}
        data={[
          { value: 'activities', label: t('import.tables.activities') },
          { value: 'reports', label: t('import.tables.reports') },
        ]}
      />
      <Group>
        <Anchor href={downloadUrl(`/activities/import/template?format=xlsx&table=${table}`)} download>
          {t('import.templateXlsx')}
        </Anchor>
        <Anchor href={downloadUrl(`/activities/import/template?format=csv&table=${table}`)} download>
          {t('import.templateCsv')}
        </Anchor>
        <Anchor component={Link} to="/activities">
          {t('import.back')}
        </Anchor>
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <FormErrors error={form.error} fields={['file', 'mode']} />
          <FileInput
            label={t('import.file')}
            description={t('import.fileHint')}
            required
            accept=".xlsx,.csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setReport(null);
              setResult(null);
            }}
            error={form.fieldError('file')}
          />
          <Group>
            <Button onClick={dryRun} disabled={!file} loading={form.busy && !report}>
              {t('import.dryRun')}
            </Button>
          </Group>
          {running && (
            <Stack gap={4}>
              <Text size="sm" id="import-progress-label">
                {progress && progress.phase !== 'done' ? t(`import.phase.${progress.phase}`, { done: progress.done, total: progress.total }) : t('import.starting')}
              </Text>
              <Progress value={percent} aria-labelledby="import-progress-label" />
            </Stack>
          )}
        </Stack>
      </Paper>
      {report && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3" ref={reportHeading} tabIndex={-1}>
              {t('import.reportTitle')}
            </Title>
            <Text>{t('import.summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}</Text>
            {report.problems.length > 0 && (
              <>
                <Table striped withTableBorder>
                  <caption>{t('import.problemsCaption')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('import.row')}</Table.Th>
                      <Table.Th scope="col">{t('import.column')}</Table.Th>
                      <Table.Th scope="col">{t('import.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.problems.map((p, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{p.row}</Table.Td>
                        <Table.Td>{p.column}</Table.Td>
                        <Table.Td>{p.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Group>
                  <Button variant="default" onClick={downloadReport}>
                    {t('import.downloadReport')}
                  </Button>
                </Group>
              </>
            )}
            {!result && (
              <>
                <Radio.Group label={t('import.mode')} value={mode} onChange={(v) => setMode(v as Mode)}>
                  <Stack gap={4} mt={4}>
                    <Radio value="all-or-nothing" label={t('import.allOrNothing')} />
                    <Radio value="valid-only" label={t('import.validOnly')} />
                  </Stack>
                </Radio.Group>
                <Group>
                  <Button onClick={runImport} loading={form.busy} disabled={report.valid === 0}>
                    {t('import.run')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
      {result && (
        <Alert color={result.written ? 'hamsafar' : 'orange.9'} variant="outline" role="status" title={result.written ? t('import.written') : t('import.notWritten')}>
          {t('import.result', { created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected })}
        </Alert>
      )}
    </Stack>
  );
}
