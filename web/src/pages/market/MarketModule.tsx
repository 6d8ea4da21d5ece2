// 技术转移市场 / Technology marketplace: listing and search, posting and matching, contracts and enclaves.
import { lazy } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Badge, Menu } from 'antd';
import { useApiGet } from '../../components/useApiGet';
import { useMarketMessages } from './messages';

const MarketListPage = lazy(() => import('./MarketListPage'));
const MinePage = lazy(() => import('./MinePage'));
const MatchPage = lazy(() => import('./MatchPage'));
const ContractsPage = lazy(() => import('./ContractsPage'));
const SearchesPage = lazy(() => import('./SearchesPage'));

export default function MarketModule() {
  const { t } = useMarketMessages();
  const { pathname } = useLocation();
  const selected = pathname.startsWith('/market/mine') || pathname.includes('/matches') ? 'mine'
    : pathname.startsWith('/market/contracts') ? 'contracts' : pathname.startsWith('/market/searches') ? 'searches' : 'list';
  // The unread count of "new match" notices, beside the menu entry that lists them.
  const notices = useApiGet<{ unread: number }>('/api/market/notices', {}, pathname);
  return (
    <>
      <Menu mode="horizontal" selectedKeys={[selected]} style={{ marginBottom: 16 }} items={[
        { key: 'list', label: <Link to="/market">{t('title')}</Link> },
        { key: 'mine', label: <Link to="/market/mine" data-testid="market-nav-mine">{t('nav.mine')}</Link> },
        { key: 'searches', label: <Link to="/market/searches" data-testid="market-nav-searches"><Badge count={notices.data?.unread ?? 0} size="small" offset={[8, -2]}>{t('nav.searches')}</Badge></Link> },
        { key: 'contracts', label: <Link to="/market/contracts">{t('nav.contracts')}</Link> },
      ]} />
      <Routes>
        <Route index element={<MarketListPage />} />
        <Route path="mine" element={<MinePage />} />
        <Route path="demands/:id/matches" element={<MatchPage kind="demand" />} />
        <Route path="achievements/:id/matches" element={<MatchPage kind="achievement" />} />
        <Route path="searches" element={<SearchesPage />} />
        <Route path="contracts" element={<ContractsPage />} />
        <Route path="*" element={<Navigate to="/market" replace />} />
      </Routes>
    </>
  );
}
