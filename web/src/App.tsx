import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ConfigProvider } from 'antd';
// The ES module builds: 'antd/locale/*' are CommonJS files whose default import is not the
// locale object under Vite, which silently leaves antd's own texts in English.
import zh_CN from 'antd/es/locale/zh_CN';
import en_US from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth } from './components/RequireAuth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { FullPageSpin } from './components/FullPageSpin';
import { MODULES } from './modules';
import { RequireRole } from './components/RequireRole';
import { PUBLIC_PAGES } from './publicPages';

// Every page is its own chunk. The login route loads only this file's imports plus LoginPage,
// so keep heavy antd components (Table, Card, Modal, App…) out of this file.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const ForcedPasswordPage = lazy(() => import('./pages/account/ForcedPasswordPage'));
const ShellLayout = lazy(() => import('./layout/ShellLayout'));
const ChangePasswordPage = lazy(() => import('./pages/account/ChangePasswordPage'));
const ErrorPage = lazy(() => import('./pages/errors/ErrorPage'));
const WallPage = lazy(() => import('./pages/cockpit/WallPage'));
const PublicLayout = lazy(() => import('./layout/PublicLayout'));
const PublicHomePage = lazy(() => import('./pages/public/PublicHomePage'));

// Keep in sync with the body font in styles.css.
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

// Contrast (WCAG AA, 4.5:1 for body text; checked by e2e/a11y.e2e.ts): antd's defaults fall
// short for secondary text, breadcrumbs and statistic titles (rgba(0,0,0,.45): 3.4:1 on white),
// links (#1677ff: 4.1:1) and the light tags' text (palette 7 on palette 1: gold 2.8:1, orange and
// green 3.3:1). Darker shades of the same hues keep the look and pass on white and on #f5f5f5.
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.6)';
const TAG_TEXT = {
  volcano7: '#ad2102', orange7: '#ad4e00', gold7: '#874d00', yellow7: '#876800', lime7: '#3f6600', green7: '#237804', cyan7: '#006d75',
  colorSuccess: '#237804', colorWarning: '#ad4e00', colorInfo: '#1558d6',
};
const THEME = {
  token: {
    colorPrimary: '#1558d6',
    colorLink: '#1466e6',
    // antd's #ff4d4f is 3.3:1 on white (danger buttons, error texts).
    colorError: '#cf1322',
    // Typography's type="warning"/"success" texts (gold 6 and green 6 by default).
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    colorTextTertiary: SECONDARY_TEXT,
    colorTextDescription: SECONDARY_TEXT,
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Tag: TAG_TEXT,
    // A table's empty text (our "还没有… — …" hints) is drawn in the disabled grey (1.8:1).
    Table: { colorTextDisabled: SECONDARY_TEXT },
  },
};

/** antd and dayjs follow the chosen UI language. */
function AntdLocale({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  // dayjs keeps one global locale (used by date pickers); setting it again is harmless.
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zh_CN : en_US} theme={THEME}>
      {children}
    </ConfigProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth passwordChangePage>
            <ForcedPasswordPage />
          </RequireAuth>
        }
      />
      {/* The public portal: no session needed. */}
      <Route path="/public" element={<PublicLayout />}>
        <Route index element={<PublicHomePage />} />
        {PUBLIC_PAGES.map((p) => (
          <Route key={p.key} path={`${p.path}/*`} element={<p.page />} />
        ))}
        <Route path="*" element={<ErrorPage status="404" />} />
      </Route>
      {/* The wall display fills the screen: outside the shell, for bureau and district staff. */}
      <Route
        path="/wall"
        element={
          <RequireAuth>
            <RequireRole roles={['bureau_admin', 'district_officer']}>
              <WallPage />
            </RequireRole>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <ShellLayout />
          </RequireAuth>
        }
      >
        {MODULES.map((module) => (
          <Route
            key={module.key}
            path={module.path === '/' ? '/' : `${module.path}/*`}
            element={
              <RequireRole roles={module.roles}>
                <module.page />
              </RequireRole>
            }
          />
        ))}
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/403" element={<ErrorPage status="403" />} />
        <Route path="*" element={<ErrorPage status="404" />} />
      </Route>
    </Routes>
  );
}

export default function App() {
  return (
    <I18nProvider>
      <AntdLocale>
        <ErrorBoundary>
          <AuthProvider>
            <BrowserRouter>
              <Suspense fallback={<FullPageSpin />}>
                <AppRoutes />
              </Suspense>
            </BrowserRouter>
          </AuthProvider>
        </ErrorBoundary>
      </AntdLocale>
    </I18nProvider>
  );
}
