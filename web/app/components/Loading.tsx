import i18n from '../i18n';

/** Plain markup, so it also works as the outermost Suspense fallback before the theme exists. */
export function Loading() {
  return (
    <div role="status" aria-live="polite" style={{ padding: '2rem', textAlign: 'center' }}>
      {i18n.isInitialized ? i18n.t('common:loading') : 'Loading…'}
    </div>
  );
}
