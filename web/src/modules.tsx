// The platform's modules: one entry each. The sidebar menu, the routes, the breadcrumbs and
// the shortcuts on the home page are all built from this array, so adding a module is one
// entry here, its sidebar icon in layout/moduleIcons.tsx and its pages under src/pages/<module>/.
// This file is in the entry chunk (the routes): keep icons and antd components out of it.
//
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './api/types';
import type { MessageKey } from './i18n';

export interface ModuleEntry {
  /** Menu key; also the first URL segment ('' for the home page). */
  key: string;
  /** URL of the module's main page. The module owns every URL below it. */
  path: string;
  labelKey: MessageKey;
  /** One line for the shortcut card on the home page (omit to leave it off the home page). */
  descriptionKey?: MessageKey;
  /** Other labels (and shortcut lines) for some roles, e.g. "本单位档案" for an organisation user. */
  byRole?: Partial<Record<Role, { labelKey: MessageKey; descriptionKey?: MessageKey }>>;
  /** Roles that may open the module; omit for every signed-in user. */
  roles?: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
}

export const MODULES: readonly ModuleEntry[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'nav.home',
    page: lazy(() => import('./pages/home/HomePage')),
  },
  {
    key: 'registry',
    path: '/registry',
    labelKey: 'nav.registry',
    descriptionKey: 'home.shortcutRegistry',
    // An organisation user sees its own organisation only; /registry opens its profile.
    byRole: { org_user: { labelKey: 'nav.myOrg', descriptionKey: 'home.shortcutMyOrg' } },
    roles: ['bureau_admin', 'district_officer', 'org_user'],
    page: lazy(() => import('./pages/registry/RegistryModule')),
  },
  {
    key: 'cultivation',
    path: '/cultivation',
    labelKey: 'nav.cultivation',
    descriptionKey: 'home.shortcutCultivation',
    roles: ['bureau_admin', 'district_officer'],
    page: lazy(() => import('./pages/cultivation/CultivationModule')),
  },
  {
    key: 'chains',
    path: '/chains',
    labelKey: 'nav.chains',
    descriptionKey: 'home.shortcutChains',
    roles: ['bureau_admin', 'district_officer'],
    page: lazy(() => import('./pages/chains/ChainsModule')),
  },
  {
    key: 'funds',
    path: '/funds',
    labelKey: 'nav.funds',
    descriptionKey: 'home.shortcutFunds',
    roles: ['bureau_admin', 'district_officer'],
    page: lazy(() => import('./pages/funds/FundsModule')),
  },
  {
    key: 'cockpit',
    path: '/cockpit',
    labelKey: 'nav.cockpit',
    descriptionKey: 'home.shortcutCockpit',
    roles: ['bureau_admin', 'district_officer'],
    page: lazy(() => import('./pages/cockpit/CockpitModule')),
  },
  {
    key: 'policies',
    path: '/policies',
    labelKey: 'nav.policies',
    descriptionKey: 'home.shortcutPolicies',
    page: lazy(() => import('./pages/policies/PoliciesModule')),
  },
  {
    key: 'programmes',
    path: '/programmes',
    labelKey: 'nav.programmes',
    descriptionKey: 'home.shortcutProgrammes',
    byRole: {
      org_user: { labelKey: 'nav.programmesApplicant', descriptionKey: 'home.shortcutProgrammesApplicant' },
      reviewer: { labelKey: 'nav.programmesReviewer', descriptionKey: 'home.shortcutProgrammesReviewer' },
    },
    page: lazy(() => import('./pages/programmes/ProgrammesModule')),
  },
  {
    key: 'digital',
    path: '/digital',
    labelKey: 'nav.digital',
    descriptionKey: 'home.shortcutDigital',
    byRole: { org_user: { labelKey: 'nav.digital', descriptionKey: 'home.shortcutDigitalOrg' } },
    roles: ['bureau_admin', 'district_officer', 'org_user'],
    page: lazy(() => import('./pages/digital/DigitalModule')),
  },
  {
    key: 'market',
    path: '/market',
    labelKey: 'nav.market',
    descriptionKey: 'home.shortcutMarket',
    roles: ['bureau_admin', 'district_officer', 'org_user'],
    page: lazy(() => import('./pages/market/MarketModule')),
  },
  {
    key: 'carriers',
    path: '/carriers',
    labelKey: 'nav.carriers',
    descriptionKey: 'home.shortcutCarriers',
    roles: ['bureau_admin', 'district_officer', 'org_user'],
    page: lazy(() => import('./pages/carriers/CarriersPage')),
  },
  {
    key: 'talent',
    path: '/talent',
    labelKey: 'nav.talent',
    descriptionKey: 'home.shortcutTalent',
    // Schools' own users enter their units' yearly figures.
    roles: ['bureau_admin', 'district_officer', 'org_user'],
    page: lazy(() => import('./pages/talent/TalentPage')),
  },
  {
    key: 'users',
    path: '/users',
    labelKey: 'nav.users',
    descriptionKey: 'home.shortcutUsers',
    roles: ['bureau_admin'],
    page: lazy(() => import('./pages/users/UsersPage')),
  },
  {
    key: 'audit',
    path: '/audit',
    labelKey: 'nav.audit',
    descriptionKey: 'home.shortcutAudit',
    roles: ['bureau_admin'],
    page: lazy(() => import('./pages/audit/AuditPage')),
  },
];

/** The module's menu label for a role. */
export function moduleLabelKey(module: ModuleEntry, role: Role): MessageKey {
  return module.byRole?.[role]?.labelKey ?? module.labelKey;
}

/** The module's home-page shortcut line for a role, if it has one. */
export function moduleDescriptionKey(module: ModuleEntry, role: Role): MessageKey | undefined {
  return module.byRole?.[role]?.descriptionKey ?? module.descriptionKey;
}

export function canOpen(module: ModuleEntry, role: Role): boolean {
  return !module.roles || module.roles.includes(role);
}

/** The module that owns a URL path, or undefined (the home module owns only "/"). */
export function moduleForPath(pathname: string): ModuleEntry | undefined {
  if (pathname === '/') return MODULES.find((m) => m.path === '/');
  return MODULES.find((m) => m.path !== '/' && (pathname === m.path || pathname.startsWith(`${m.path}/`)));
}
