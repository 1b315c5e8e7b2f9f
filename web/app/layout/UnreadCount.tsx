import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api';

const CHANGED = 'hamsafar:notifications-changed';
const POLL_MS = 60_000;

/** Pages that mark notifications read call this so the bell updates at once. */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The unread count, fetched on navigation, on change and once a minute. */
export function useUnreadCount(): number {
  const [count, setCount] = useState(0);
  const location = useLocation();
  const load = useCallback(() => {
    api.get<{ count: number }>('/notifications/unread-count').then(
      (answer) => setCount(answer.count),
      () => undefined,
    );
  }, []);
  useEffect(load, [load, location.pathname]);
  useEffect(() => {
    window.addEventListener(CHANGED, load);
    const timer = window.setInterval(load, POLL_MS);
    return () => {
      window.removeEventListener(CHANGED, load);
      window.clearInterval(timer);
    };
  }, [load]);
  return count;
}
