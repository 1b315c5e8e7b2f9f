import i18next from 'i18next';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionState, SessionUser } from '../../common/schemas/accounts';
import { grantScope, type GrantScope, type PermissionName } from '../../common/permissions';
import { api, onUnauthorized, setCsrfToken } from './api';
import { currentLanguage, isLanguage, switchLanguage, type Language } from './i18n';

export type { SessionState, SessionUser };

export interface SessionValue {
  state: SessionState['state'];
  user: SessionUser | null;
  /** True when the user's grants hold the permission, network-wide or for the own organisation. */
  hasPermission(permission: PermissionName): boolean;
  scopeOf(permission: PermissionName): GrantScope | null;
  /** Takes a session answer (login, MFA verify) as the new state. */
  accept(state: SessionState): void;
  refresh(): Promise<SessionState>;
  signOut(): Promise<void>;
}

/**
 * The language once signed in: one chosen on the sign-in pages is an explicit wish, so it wins and
 * is saved to the profile; otherwise the profile's language, so it follows the user between devices.
 */
export function languageAfterSignIn(saved: string, chosenBeforeSignIn: Language | null): { language: Language; saveToProfile: boolean } {
  if (chosenBeforeSignIn) return { language: chosenBeforeSignIn, saveToProfile: chosenBeforeSignIn !== saved };
  return { language: isLanguage(saved) ? saved : 'en', saveToProfile: false };
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

export function SessionProvider({ initial, children }: { initial: SessionState; children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(initial);
  const stateNow = useRef(initial.state);
  const chosenBeforeSignIn = useRef<Language | null>(null);

  useEffect(() => {
    const remember = (language: string) => {
      if (stateNow.current !== 'active' && isLanguage(language)) chosenBeforeSignIn.current = language;
    };
    i18next.on('languageChanged', remember);
    return () => i18next.off('languageChanged', remember);
  }, []);

  const accept = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken);
    stateNow.current = state.state;
    setSession(state);
    if (state.state !== 'active' || !state.user) return;
    const { language, saveToProfile } = languageAfterSignIn(state.user.language, chosenBeforeSignIn.current);
    chosenBeforeSignIn.current = null;
    if (language !== currentLanguage()) void switchLanguage(language);
    if (saveToProfile) {
      setSession({ ...state, user: { ...state.user, language } });
      // Saving is a convenience for the next device: a failure leaves this page in the chosen language.
      api.patch('/auth/profile', { language }).catch(() => undefined);
    }
  }, []);

  const refresh = useCallback(async () => {
    const state = await api.get<SessionState>('/auth/session');
    accept(state);
    return state;
  }, [accept]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    setCsrfToken(initial.csrfToken);
  }, [initial]);

  useEffect(() => onUnauthorized(() => void refresh()), [refresh]);

  const value = useMemo<SessionValue>(() => {
    const grants = session.state === 'active' ? (session.user?.grants ?? []) : [];
    return {
      state: session.state,
      user: session.user,
      hasPermission: (permission) => grantScope(grants, permission) !== null,
      scopeOf: (permission) => grantScope(grants, permission),
      accept,
      refresh,
      signOut,
    };
  }, [session, accept, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export async function loadSession(): Promise<SessionState> {
  const state = await api.get<SessionState>('/auth/session');
  setCsrfToken(state.csrfToken);
  return state;
}
