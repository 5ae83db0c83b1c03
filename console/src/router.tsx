import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { createStore, useStore } from './store';

// History routing: the server answers every non-API path with index.html.
const pathStore = createStore(window.location.pathname);
// The query string too, so a page can deep-link to one record (/agent/contacts?id=5).
const searchStore = createStore(window.location.search);
const sync = () => {
  pathStore.set(window.location.pathname);
  searchStore.set(window.location.search);
};
window.addEventListener('popstate', sync);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  sync();
  window.scrollTo(0, 0);
}

/** One query parameter of the current address, or null. */
export function useQueryParam(name: string): string | null {
  return new URLSearchParams(useStore(searchStore)).get(name);
}

export function usePath(): string {
  return useStore(pathStore);
}

export interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-current'?: 'page' | undefined;
  'data-testid'?: string;
  onClick?: (event: TargetedMouseEvent<HTMLAnchorElement>) => void;
}

/** An anchor that navigates in-app; a real href keeps open-in-new-tab and screen readers working. */
export function Link(props: LinkProps) {
  const { href, onClick, ...rest } = props;
  const click = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new-tab clicks and modified clicks.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
