// The icons of the modules (sidebar, home-page shortcuts; keyed by ModuleEntry.key) and of the
// public portal's sections (keyed by PublicPage.key). Kept out of modules.tsx and publicPages.tsx,
// which the entry chunk imports for the routes: the icons then load with the layouts and pages
// that show them, not on the login page.
import type { ComponentType } from 'react';
import {
  AccountBookOutlined, ApartmentOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, CloudServerOutlined, DashboardOutlined, ExperimentOutlined,
  FileTextOutlined, FlagOutlined, HomeOutlined, LineChartOutlined, ProjectOutlined, ReadOutlined, RiseOutlined, ShopOutlined, TeamOutlined,
} from '@ant-design/icons';

const MODULE_ICONS: Record<string, ComponentType> = {
  home: HomeOutlined,
  registry: BankOutlined,
  cultivation: RiseOutlined,
  chains: ApartmentOutlined,
  funds: AccountBookOutlined,
  cockpit: DashboardOutlined,
  policies: FileTextOutlined,
  programmes: ProjectOutlined,
  digital: CloudServerOutlined,
  market: ShopOutlined,
  carriers: ExperimentOutlined,
  talent: ReadOutlined,
  users: TeamOutlined,
  audit: AuditOutlined,
};

const PUBLIC_ICONS: Record<string, ComponentType> = {
  policies: FileTextOutlined,
  calls: FlagOutlined,
  market: ShopOutlined,
  carriers: ExperimentOutlined,
  data: LineChartOutlined,
};

/** A module's icon; a generic one for a module not listed above yet. */
export function ModuleIcon({ moduleKey }: { moduleKey: string }) {
  const Icon = MODULE_ICONS[moduleKey] ?? AppstoreOutlined;
  return <Icon />;
}

/** A public section's icon; a generic one for a section not listed above yet. */
export function PublicSectionIcon({ pageKey }: { pageKey: string }) {
  const Icon = PUBLIC_ICONS[pageKey] ?? AppstoreOutlined;
  return <Icon />;
}
