// 梯次培育 / Tiered cultivation: the funnel of tiers and each tier's reserve pool.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const FunnelPage = lazy(() => import('./FunnelPage'));
const ReservePage = lazy(() => import('./ReservePage'));
const LeaderParamsPage = lazy(() => import('./LeaderParamsPage'));

export default function CultivationModule() {
  return (
    <Routes>
      <Route index element={<FunnelPage />} />
      <Route path="reserve/:ruleset" element={<ReservePage />} />
      <Route path="params/tech_leader" element={<LeaderParamsPage />} />
      <Route path="*" element={<Navigate to="/cultivation" replace />} />
    </Routes>
  );
}
