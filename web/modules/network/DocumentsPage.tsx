import { Anchor, Badge, Button, FileInput, Group, List, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../common/network';
import { Permission } from '../../../common/permissions';
import { api, downloadUrl, withQuery } from '../../app/api';
import { FormErrors, useFormErrors } from '../../app/components/FormErrors';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { useSession } from '../../app/session';
import { formatDate, showDone } from './shared';
import type { GovernanceDocument } from './types';

function UploadForm({ document, workingGroupId, onDone }: { document?: GovernanceDocument; workingGroupId?: string; onDone: () => void }) {
  const { t } = useTranslation('network');
  const form = useFormErrors();
  const [kind, setKind] = useState<string | null>(workingGroupId ? 'working_group_tor' : 'terms_of_reference');
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const id = document ? `upload-${document.id}` : 'upload-new';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const data = new FormData();
    // Text fields go before the file: the server reads them as it reaches the file part.
    if (!document) {
      data.append('kind', kind ?? '');
      data.append('title', title);
      if (workingGroupId) data.append('workingGroupId', workingGroupId);
    }
    if (note) data.append('note', note);
    if (file) data.append('file', file);
    const saved = await form.run(() => api.upload(document ? `/network/documents/${document.id}/versions` : '/network/documents', data));
    if (!saved) return;
    showDone(t('documents.uploaded'));
    setTitle('');
    setNote('');
    setFile(null);
    onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <Stack gap="xs">
        <Text id={`${id}-title`} fw={600} size="sm">
          {document ? t('documents.newVersionOf', { title: document.title }) : t('documents.upload')}
        </Text>
        <FormErrors error={form.error} fields={['kind', 'title', 'file', 'workingGroupId']} />
        {!document && !workingGroupId && (
          <Select label={t('documents.kind')} required data={DOCUMENT_KINDS.filter((k) => k !== 'working_group_tor').map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))} value={kind} onChange={setKind} error={form.fieldError('kind')} />
        )}
        {!document && <TextInput label={t('documents.docTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.fieldError('title')} />}
        <TextInput label={t('documents.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <FileInput label={t('documents.file')} required value={file} onChange={setFile} error={form.fieldError('file')} accept=".pdf,.docx,.txt" />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={form.busy}>
            {t('documents.uploadAction')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Documents with every version, the current one marked; editors upload new versions. */
export function DocumentList({ workingGroupId, canEdit }: { workingGroupId?: string; canEdit: boolean }) {
  const { t } = useTranslation('network');
  const documents = useApiQuery<GovernanceDocument[]>(withQuery('/network/documents', { workingGroupId }));
  const form = useFormErrors();

  async function makeCurrent(documentId: string, versionId: string) {
    const saved = await form.run(() => api.post(`/network/documents/${documentId}/versions/${versionId}/current`));
    if (saved) documents.reload();
  }

  return (
    <Stack>
      <FormErrors error={documents.error ?? form.error} />
      {(documents.data ?? []).length === 0 && !documents.loading && <Text c="dimmed">{t('documents.none')}</Text>}
      {(documents.data ?? []).map((d) => (
        <Paper key={d.id} withBorder p="md">
          <Title order={3} size="h4">
            {d.title}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`documents.kinds.${d.kind}`)}
          </Text>
          <List mt="xs" spacing={4}>
            {d.versions.map((v) => (
              <List.Item key={v.id}>
                <Group gap="xs">
                  <Anchor href={downloadUrl(`/network/documents/${d.id}/versions/${v.id}/file`)}>{t('documents.versionNamed', { number: v.number, file: v.fileName })}</Anchor>
                  <Text size="xs">{formatDate(v.uploadedAt.slice(0, 10))}</Text>
                  {v.note && <Text size="xs">· {v.note}</Text>}
                  {v.isCurrent ? (
                    <Badge color="teal.9">{t('documents.current')}</Badge>
                  ) : (
                    canEdit && (
                      <Button size="compact-xs" variant="default" onClick={() => makeCurrent(d.id, v.id)} aria-label={t('documents.makeCurrentNamed', { number: v.number, title: d.title })}>
                        {t('documents.makeCurrent')}
                      </Button>
                    )
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
          {canEdit && (
            <Paper mt="sm" p="sm" bg="gray.0">
              <UploadForm document={d} onDone={documents.reload} />
            </Paper>
          )}
        </Paper>
      ))}
      {canEdit && (
        <Paper withBorder p="md">
          <UploadForm workingGroupId={workingGroupId} onDone={documents.reload} />
        </Paper>
      )}
    </Stack>
  );
}

export function DocumentsPage() {
  const { t } = useTranslation('network');
  const session = useSession();
  return (
    <Stack>
      <PageTitle>{t('documents.title')}</PageTitle>
      <DocumentList canEdit={session.hasPermission(Permission.GovernanceDocumentsManage)} />
    </Stack>
  );
}
