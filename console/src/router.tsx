/**
 * A small history router under /app: routes carry only OneIDs, household ids and advisor ids
 * (never a phone, an e-mail or another raw identifier). Links are real <a href> elements.
 */
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

export const BASE = '/app';

export type Route =
  | { name: 'worklist'; advisorId: string | null }
  | { name: 'household'; id: string | null }
  | { name: 'referrals'; oneId: string }
  | { name: 'notFound' };

export const paths = {
  worklist: (advisorId?: string | null) => (advisorId ? `/worklist/${encodeURIComponent(advisorId)}` : '/worklist'),
  household: (id?: string | null) => (id ? `/household/${encodeURIComponent(id)}` : '/household'),
  referrals: (oneId: string) => `/person/${encodeURIComponent(oneId)}/referrals`,
};

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts.length === 0) return { name: 'worklist', advisorId: null };
  const [head, id, tail] = parts;
  if (head === 'worklist' && parts.length <= 2) return { name: 'worklist', advisorId: id ?? null };
  if (head === 'household' && parts.length <= 2) return { name: 'household', id: id ?? null };
  if (head === 'person' && id && tail === 'referrals' && parts.length === 3) return { name: 'referrals', oneId: id };
  return { name: 'notFound' };
}

const NAVIGATE = 'kingraph:navigate';

export function navigate(path: string): void {
  window.history.pushState(null, '', BASE + path);
  window.dispatchEvent(new Event(NAVIGATE));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => {
      setRoute(parseRoute(window.location.pathname));
      // A new page: move focus to its main heading so keyboard and screen-reader users start there.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    };
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return route;
}

export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={BASE + to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
