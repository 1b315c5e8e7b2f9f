import type { SessionState } from '../session';

/** After a sign-in step: the next page, or the page the user first asked for. */
export function afterSignIn(state: SessionState['state'], next: string | null): string {
  if (state === 'mfa_pending') return '/mfa';
  if (state === 'mfa_enrolment') return '/mfa/enrol';
  if (state === 'anonymous') return '/login';
  // Only paths inside the app, never another site.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
