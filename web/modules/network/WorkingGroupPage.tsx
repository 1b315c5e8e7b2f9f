import { Button, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Permission } from '../../../common/permissions';
import { AppModal } from '../../app/components/AppModal';
import { FormErrors } from '../../app/components/FormErrors';
import { Loading } from '../../app/components/Loading';
import { PageTitle } from '../../app/components/PageTitle';
import { useApiQuery } from '../../app/components/useApiQuery';
import { localName } from '../../app/labels';
import { useSession } from '../../app/session';
import { ActionPointTable } from './ActionPointsPage';
import { DecisionTable } from './DecisionsPage';
import { DocumentList } from './DocumentsPage';
import { MeetingTable } from './MeetingsPage';
import { GcmBadges } from './shared';
import type { WorkingGroup } from './types';
import { WorkingGroupForm } from './WorkingGroupsPage';

/** One working group: members and co-chairs, its meetings, decisions, action points and documents. */
export function WorkingGroupPage() {
  const { t } = useTranslation('network');
  const { id } = useParams();
  const session = useSession();
  const group = useApiQuery<WorkingGroup>(`/network/working-groups/${id}`);
  const [editing, setEditing] = useState(false);
  if (group.error) return <FormErrors error={group.error} />;
  if (!group.data) return <Loading />;
  const g = group.data;

  return (
    <Stack>
      <PageTitle actions={g.canEdit && <Button onClick={() => setEditing(true)}>{t('workingGroups.edit')}</Button>}>{localName(g)}</PageTitle>
      {g.description && <Text>{g.description}</Text>}
      <GcmBadges objectives={g.gcmObjectives} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="wg-members">
          <Title order={2} size="h3" id="wg-members">
            {t('workingGroups.members')}
          </Title>
          <List>
            {g.members.map((m) => (
              <List.Item key={m.organisationId}>{localName(m)}</List.Item>
            ))}
          </List>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="wg-cochairs">
          <Title order={2} size="h3" id="wg-cochairs">
            {t('workingGroups.coChairs')}
          </Title>
          <List>
            {g.coChairs.map((c) => (
              <List.Item key={c.userId}>{c.displayName}</List.Item>
            ))}
          </List>
        </Paper>
      </SimpleGrid>
      <section aria-labelledby="wg-meetings">
        <Title order={2} size="h3" id="wg-meetings" mb="sm">
          {t('meetings.title')}
        </Title>
        <MeetingTable workingGroupId={g.id} />
      </section>
      <section aria-labelledby="wg-decisions">
        <Title order={2} size="h3" id="wg-decisions" mb="sm">
          {t('decisions.title')}
        </Title>
        <DecisionTable workingGroupId={g.id} />
      </section>
      {session.hasPermission(Permission.ActionPointsRead) && (
        <section aria-labelledby="wg-actions">
          <Title order={2} size="h3" id="wg-actions" mb="sm">
            {t('actionPoints.title')}
          </Title>
          <ActionPointTable filters={{ workingGroupId: g.id }} />
        </section>
      )}
      <section aria-labelledby="wg-documents">
        <Title order={2} size="h3" id="wg-documents" mb="sm">
          {t('documents.title')}
        </Title>
        <DocumentList workingGroupId={g.id} canEdit={g.canEdit} />
      </section>
      <AppModal opened={editing} onClose={() => setEditing(false)} title={t('workingGroups.edit')} size="lg">
        {editing && (
          <WorkingGroupForm
            group={g}
            canAppoint={session.hasPermission(Permission.WorkingGroupsManage)}
            onDone={() => {
              setEditing(false);
              group.reload();
            }}
          />
        )}
      </AppModal>
    </Stack>
  );
}
