// The public portal (no login): one entry per section. The portal's menu, its routes under
// /public and the cards on its home page are built from this array, so adding a public page is
// one entry here, its icon in layout/moduleIcons.tsx and the page itself.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from './i18n';

export interface PublicPage {
  key: string;
  /** URL of the section, under /public. The section owns every URL below it. */
  path: string;
  labelKey: MessageKey;
  descriptionKey: MessageKey;
  page: LazyExoticComponent<ComponentType>;
}

export const PUBLIC_PAGES: readonly PublicPage[] = [
  {
    key: 'policies',
    path: '/public/policies',
    labelKey: 'public.policies',
    descriptionKey: 'public.policiesDesc',
    page: lazy(() => import('./pages/policies/PublicPoliciesModule')),
  },
  {
    key: 'calls',
    path: '/public/calls',
    labelKey: 'public.calls',
    descriptionKey: 'public.callsDesc',
    page: lazy(() => import('./pages/programmes/PublicCallsPage')),
  },
  {
    key: 'market',
    path: '/public/market',
    labelKey: 'public.market',
    descriptionKey: 'public.marketDesc',
    page: lazy(() => import('./pages/market/MarketListPage')),
  },
  {
    key: 'carriers',
    path: '/public/carriers',
    labelKey: 'public.carriers',
    descriptionKey: 'public.carriersDesc',
    page: lazy(() => import('./pages/public/PublicCarriersPage')),
  },
  {
    key: 'data',
    path: '/public/data',
    labelKey: 'public.data',
    descriptionKey: 'public.dataDesc',
    page: lazy(() => import('./pages/public/OpenDataPage')),
  },
];

export function publicPageForPath(pathname: string): PublicPage | undefined {
  return PUBLIC_PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
}
