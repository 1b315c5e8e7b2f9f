import { Alert, List } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

export interface FormErrorState {
  error: ApiError | null;
  /** The server's message for a field, to pass as the `error` prop of its input. */
  fieldError: (field: string) => string | undefined;
  /** Runs a submission, keeping its ApiError for display; other errors propagate. */
  run: <T>(submit: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
  busy: boolean;
}

/** Holds the last server error of a form so each field shows its own message next to it. */
export function useFormErrors(): FormErrorState {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(submit: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await submit();
    } catch (failure) {
      if (failure instanceof ApiError) {
        setError(failure);
        return undefined;
      }
      throw failure;
    } finally {
      setBusy(false);
    }
  }, []);
  return {
    error,
    fieldError: (field) => error?.fieldErrors[field],
    run,
    clear: () => setError(null),
    busy,
  };
}

/**
 * The form-level message of a failed submission, plus any field errors the form has no input for
 * (so no server message is ever silently lost).
 */
export function FormErrors({ error, fields = [] }: { error: ApiError | null; fields?: string[] }) {
  const { t } = useTranslation('common');
  if (!error) return null;
  const unshown = Object.entries(error.fieldErrors).filter(([field]) => !fields.includes(field));
  const shownElsewhere = Object.keys(error.fieldErrors).length > unshown.length;
  const title = error.status === 0 ? t('errors.network') : error.status === 409 ? t('errors.conflict') : error.status === 403 ? t('errors.forbidden') : t('errors.failed');
  return (
    <Alert color="red.9" variant="outline" title={title} role="alert" mb="md">
      {error.status === 0 ? t('errors.networkDetail') : shownElsewhere && unshown.length === 0 ? t('errors.seeFields') : error.problem.detail ?? error.problem.title}
      {unshown.length > 0 && (
        <List size="sm" mt="xs">
          {unshown.map(([field, message]) => (
            <List.Item key={field}>
              {field}: {message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
