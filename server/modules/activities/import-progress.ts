import type { Actor } from '../../platform/access';

export interface ImportProgressState {
  phase: 'checking' | 'writing' | 'done';
  done: number;
  total: number;
}

/**
 * How far each running import of this server is, for the page's progress bar. Kept in memory: a
 * write inside the import's own transaction would not be seen until it commits, and the figure only
 * matters while the request runs. Keyed by network, user and the id the page chose, so that one
 * user never reads another's.
 */
class ImportProgress {
  private readonly states = new Map<string, ImportProgressState>();
  private key = (actor: Actor, id: string) => `${actor.networkId}/${actor.userId}/${id}`;

  start(actor: Actor, id: string, phase: ImportProgressState['phase'], total: number) {
    const state: ImportProgressState = { phase, done: 0, total };
    this.states.set(this.key(actor, id), state);
    return { advance: (done: number) => void (state.done = done) };
  }

  /** Marks the import ended; the state stays readable a minute, for a page that polls late. */
  finish(actor: Actor, id: string) {
    const key = this.key(actor, id);
    const state = this.states.get(key);
    if (state) state.phase = 'done';
    setTimeout(() => this.states.get(key) === state && this.states.delete(key), 60_000).unref();
  }

  read(actor: Actor, id: string): ImportProgressState | null {
    return this.states.get(this.key(actor, id)) ?? null;
  }
}

export const progress = new ImportProgress();
