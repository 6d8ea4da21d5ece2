// 指标驾驶舱 / Indicator cockpit: the overview and topic tabs, one page per module, the indicator
// registry and each indicator's page. The wall display (/wall) lives outside the shell (App.tsx).
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const CockpitPage = lazy(() => import('./CockpitPage'));
const IndicatorsPage = lazy(() => import('./IndicatorsPage'));
const IndicatorDetailPage = lazy(() => import('./IndicatorDetailPage'));
const ModulePage = lazy(() => import('./ModulePage'));

export default function CockpitModule() {
  return (
    <Routes>
      <Route index element={<CockpitPage />} />
      <Route path="indicators" element={<IndicatorsPage />} />
      <Route path="indicators/:id" element={<IndicatorDetailPage />} />
      <Route path="m/:module" element={<ModulePage />} />
      <Route path="*" element={<Navigate to="/cockpit" replace />} />
    </Routes>
  );
}
