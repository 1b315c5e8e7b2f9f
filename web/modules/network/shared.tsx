import { Badge, MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import gcm from '../../../common/reference/gcm.json';
import type { DirectoryEntry, PersonOption } from './types';
import { api, withQuery, type Page } from '../../app/api';
import { useApiQuery } from '../../app/components/useApiQuery';
import i18n, { currentLanguage } from '../../app/i18n';

export const GCM_OBJECTIVES = gcm.objectives as { number: number; title: string; title_ur: string }[];
export const GCM_PRINCIPLES = gcm.guiding_principles.map((title, index) => ({ number: index + 1, title }));

/** "GCM 10: Prevent, combat…", in the reader's language. */
export function useGcmLabel() {
  const { t } = useTranslation('network');
  return (n: number, full = true) => {
    const objective = GCM_OBJECTIVES.find((o) => o.number === n);
    const title = (currentLanguage() === 'ur' ? objective?.title_ur : objective?.title) ?? '';
    return full ? t('gcm.objectiveLabel', { number: n, title }) : t('gcm.short', { number: n });
  };
}

export function GcmBadges({ objectives }: { objectives: number[] }) {
  const label = useGcmLabel();
  return (
    <>
      {objectives.map((n) => (
        <Badge key={n} variant="outline" color="dark" mr={4} title={label(n)}>
          {label(n, false)}
        </Badge>
      ))}
    </>
  );
}

export function GcmSelect(props: Omit<MultiSelectProps, 'data' | 'value' | 'onChange'> & { value: number[]; onChange: (value: number[]) => void }) {
  const label = useGcmLabel();
  const { value, onChange, ...rest } = props;
  return (
    <MultiSelect
      {...rest}
      searchable
      data={GCM_OBJECTIVES.map((o) => ({ value: String(o.number), label: label(o.number) }))}
      value={value.map(String)}
      onChange={(values) => onChange(values.map(Number))}
    />
  );
}

export { formatDate, formatDateTime as formatPkt } from '../../app/format';

/** A `datetime-local` value (read as Pakistan time) to an ISO instant: PKT is UTC+5 all year. */
export function pktInputToIso(value: string): string {
  return new Date(`${value}:00+05:00`).toISOString();
}

export function isoToPktInput(iso: string): string {
  return new Date(new Date(iso).getTime() + 5 * 3_600_000).toISOString().slice(0, 16);
}

export function localTitle(record: { titleEn: string; titleUr: string | null }): string {
  return currentLanguage() === 'ur' && record.titleUr ? record.titleUr : record.titleEn;
}

/** Every organisation of the network (members or not), for owner and partner pickers. */
export function useOrganisations() {
  const query = useApiQuery<Page<{ id: string; nameEn: string; nameUr: string; acronym: string | null }>>('/admin/organisations?limit=200');
  const items = query.data?.items ?? [];
  return {
    items,
    options: items.map((o) => ({ value: o.id, label: currentLanguage() === 'ur' ? o.nameUr : `${o.nameEn}${o.acronym ? ` (${o.acronym})` : ''}` })),
    nameOf: (id: string) => {
      const o = items.find((x) => x.id === id);
      return o ? (currentLanguage() === 'ur' ? o.nameUr : (o.acronym ?? o.nameEn)) : '';
    },
  };
}

/** The current members, for invitations and attendance. */
export function useMembers() {
  const query = useApiQuery<Page<DirectoryEntry>>(withQuery('/network/directory', { limit: 200 }));
  return query.data?.items ?? [];
}

export function usePeople(organisationId?: string | null) {
  const query = useApiQuery<PersonOption[]>(withQuery('/network/people', { organisationId: organisationId ?? undefined }));
  return (query.data ?? []).map((p) => ({ value: p.id, label: p.displayName }));
}

export function OrganisationSelect(props: Omit<SelectProps, 'data'>) {
  const { options } = useOrganisations();
  return <Select searchable {...props} data={options} />;
}


/** Filled badge colours dark enough for white text at 4.5:1 (WCAG AA). */
export const STATUS_COLOURS: Record<string, string> = {
  open: 'blue.9',
  in_progress: 'violet.9',
  done: 'teal.9',
  dropped: 'gray.8',
  planned: 'blue.9',
  completed: 'teal.9',
  delayed: 'red.9',
  cancelled: 'gray.8',
  scheduled: 'blue.9',
  held: 'teal.9',
  draft: 'gray.8',
  circulated: 'violet.9',
  approved: 'teal.9',
  submitted: 'blue.9',
  under_review: 'violet.9',
  rejected: 'red.9',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={STATUS_COLOURS[status] ?? 'gray.8'} variant="filled">
      {label}
    </Badge>
  );
}

/** A confirmation toast whose close button is named for screen readers. */
export function showDone(message: string): void {
  notifications.show({ color: 'hamsafar', message, closeButtonProps: { 'aria-label': i18n.t('common:actions.close') } });
}
