import { Alert, Anchor, List } from '@mantine/core';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** A field's message carries these, so the form can find the input it belongs to. */
const FORM_ATTRIBUTE = 'data-form-error';
const FIELD_ATTRIBUTE = 'data-field';

export interface FormErrorState {
  /** The last failure, less the errors of the fields changed since; null once every named field is changed. */
  error: ApiError | null;
  /** The server's message for a field, to pass as the `error` prop of its input. */
  fieldError: (field: string) => ReactNode | undefined;
  /** Runs a submission, keeping its ApiError for display; other errors propagate. */
  run: <T>(submit: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
  busy: boolean;
}

/**
 * The element that holds a field's message and its input (Mantine's input wrapper, a checkbox's
 * root); none for a message shown apart from any input, so it is never tied to a neighbour's input.
 */
function fieldWrapper(message: Element): Element | null {
  for (let node = message.parentElement; node && node.tagName !== 'FORM'; node = node.parentElement) {
    if (!node.querySelector('input, textarea, select')) continue;
    const oneField = /mantine-(InputWrapper|Checkbox|Switch)-root/.test(node.getAttribute('class') ?? '') || node.querySelectorAll('label').length <= 1;
    return oneField ? node : null;
  }
  return null;
}

/** What a field holds now: its controls' values and the text of chosen items (a multi-select's pills), its message left out. */
function entered(wrapper: Element, message: Element): string {
  const controls = [...wrapper.querySelectorAll<HTMLInputElement>('input, textarea, select')].map((control) =>
    control.type === 'checkbox' || control.type === 'radio' ? String(control.checked) : control.value,
  );
  const text = (wrapper.textContent ?? '').replace(message.textContent ?? '', '');
  return [...controls, text].join('\u0000');
}

function labelOf(wrapper: Element, input: HTMLElement): string {
  const label = (input.id && wrapper.ownerDocument.querySelector(`label[for="${CSS.escape(input.id)}"]`)) || wrapper.querySelector('label');
  if (!label) return input.getAttribute('aria-label') ?? '';
  const copy = label.cloneNode(true) as Element;
  // Mantine marks required fields with an asterisk inside the label.
  copy.querySelectorAll('.mantine-InputWrapper-required').forEach((mark) => mark.remove());
  return copy.textContent?.trim() ?? '';
}

/**
 * Holds the last server error of a form so each field shows its own message next to it, and drops
 * a field's message as soon as the person changes that field.
 */
export function useFormErrors(): FormErrorState {
  const formId = useId();
  const [error, setError] = useState<ApiError | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const submissions = useRef(0);
  const run = useCallback(async <T,>(submit: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    setChanged(new Set());
    try {
      return await submit();
    } catch (failure) {
      if (failure instanceof ApiError) {
        submissions.current += 1;
        failure.submission = submissions.current;
        setError(failure);
        return undefined;
      }
      throw failure;
    } finally {
      setBusy(false);
    }
  }, []);

  // Inputs are the pages' own, so what each erroneous field held is read from the page once its
  // message shows, and compared after every key, click or change.
  useEffect(() => {
    if (!error || Object.keys(error.fieldErrors).length === 0) return;
    const messages = () => [...document.querySelectorAll(`[${FORM_ATTRIBUTE}="${CSS.escape(formId)}"]`)];
    const held = new Map<string, string>();
    for (const message of messages()) {
      const wrapper = fieldWrapper(message);
      if (wrapper) held.set(message.getAttribute(FIELD_ATTRIBUTE)!, entered(wrapper, message));
    }
    let timer = 0;
    const compare = () => {
      window.clearTimeout(timer);
      // After React has rendered what the event changed.
      timer = window.setTimeout(() => {
        const now = new Set<string>();
        for (const message of messages()) {
          const field = message.getAttribute(FIELD_ATTRIBUTE)!;
          const wrapper = fieldWrapper(message);
          if (wrapper && held.has(field) && entered(wrapper, message) !== held.get(field)) now.add(field);
        }
        if (now.size > 0) setChanged((before) => new Set([...before, ...now]));
      }, 0);
    };
    const events = ['input', 'change', 'click', 'keyup'];
    events.forEach((event) => document.addEventListener(event, compare, true));
    return () => {
      window.clearTimeout(timer);
      events.forEach((event) => document.removeEventListener(event, compare, true));
    };
  }, [error, formId]);

  const shown = useMemo(() => {
    if (!error || changed.size === 0) return error;
    const rest = error.withoutFields(changed);
    return Object.keys(rest.fieldErrors).length === 0 ? null : rest;
  }, [error, changed]);

  return {
    error: shown,
    fieldError: (field) => {
      const message = shown?.fieldErrors[field];
      return message === undefined ? undefined : <span {...{ [FORM_ATTRIBUTE]: formId, [FIELD_ATTRIBUTE]: field }}>{message}</span>;
    },
    run,
    clear: () => {
      setError(null);
      setChanged(new Set());
    },
    busy,
  };
}

interface FieldLink {
  label: string;
  inputId: string;
}

/**
 * The summary of a failed submission: its message, a link to each field that has a message next to
 * its input, and any field error the form has no input for (so no server message is ever silently
 * lost). A failed submission moves focus and scroll here, so a long form does not fail out of sight.
 */
export function FormErrors({ error, fields = [] }: { error: ApiError | null; fields?: string[] }) {
  const { t } = useTranslation('common');
  const box = useRef<HTMLDivElement>(null);
  const [links, setLinks] = useState<Record<string, FieldLink>>({});

  useLayoutEffect(() => {
    if (!error) return;
    const scope = box.current?.closest('form') ?? document;
    const found: Record<string, FieldLink> = {};
    for (const field of Object.keys(error.fieldErrors)) {
      const message = scope.querySelector(`[${FORM_ATTRIBUTE}][${FIELD_ATTRIBUTE}="${CSS.escape(field)}"]`);
      const wrapper = message && fieldWrapper(message);
      const input = wrapper?.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select');
      if (wrapper && input?.id) found[field] = { label: labelOf(wrapper, input) || field, inputId: input.id };
    }
    setLinks(found);
  }, [error]);

  const submission = error?.submission;
  useEffect(() => {
    if (submission === undefined || !box.current) return;
    box.current.focus({ preventScroll: true });
    box.current.scrollIntoView({ block: 'center' });
  }, [submission]);

  if (!error) return null;
  const entries = Object.entries(error.fieldErrors);
  const linked = entries.filter(([field]) => links[field]);
  const unshown = entries.filter(([field]) => !links[field] && !fields.includes(field));
  const title = error.status === 0 ? t('errors.network') : error.status === 409 ? t('errors.conflict') : error.status === 403 ? t('errors.forbidden') : t('errors.failed');
  const goTo = (inputId: string) => {
    const input = document.getElementById(inputId);
    input?.focus({ preventScroll: true });
    input?.scrollIntoView({ block: 'center' });
  };
  return (
    <Alert ref={box} tabIndex={-1} color="red.9" variant="outline" title={title} role="alert" mb="md">
      {error.status === 0 ? t('errors.networkDetail') : entries.length > 0 && unshown.length < entries.length ? t('errors.seeFields') : error.problem.detail ?? error.problem.title}
      {linked.length + unshown.length > 0 && (
        <List size="sm" mt="xs">
          {linked.map(([field, message]) => (
            <List.Item key={field}>
              <Anchor
                href={`#${links[field].inputId}`}
                c="red.9"
                underline="always"
                onClick={(event) => {
                  event.preventDefault();
                  goTo(links[field].inputId);
                }}
              >
                {links[field].label}: {message}
              </Anchor>
            </List.Item>
          ))}
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
