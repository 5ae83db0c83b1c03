import { sessionStore } from '../../session';

/**
 * One instance per browser tab of something that must outlive the page showing it: the agent's
 * softphone, presence stream and chat desk keep running while the agent opens a ticket or a
 * contact. Made on first use; stopped when the user signs out or the tab goes away.
 */
export function tabScoped<T>(make: () => T, stop: (value: T) => void): { get(): T; peek(): T | undefined } {
  let current: T | undefined;
  const get = (): T => {
    if (current !== undefined) return current;
    const value = make();
    current = value;
    const end = () => {
      if (current !== value) return;
      current = undefined;
      unsubscribe();
      window.removeEventListener('pagehide', end);
      stop(value);
    };
    const unsubscribe = sessionStore.subscribe((s) => {
      if (s.status !== 'signed-in') end();
    });
    window.addEventListener('pagehide', end);
    return value;
  };
  return { get, peek: () => current };
}
