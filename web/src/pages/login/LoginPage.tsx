import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { useI18n, usePageTitle } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LogoMark } from '../../components/Logo';
import { safeNextPath } from '../../components/RequireAuth';

interface Credentials {
  username: string;
  password: string;
}

interface LoginFailure {
  detail: string;
  /** Epoch milliseconds when a locked account may try again. */
  lockedUntil?: number;
}

/** Seconds left until `until`, updated every second; 0 when there is nothing to wait for. */
function useSecondsUntil(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

/** 905 → "15:05". */
function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { user, login, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;
  const { token } = theme.useToken();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const secondsLeft = useSecondsUntil(failure?.lockedUntil);
  usePageTitle('login.title');

  if (user && !submitting) return <Navigate to={next} replace />;

  async function onFinish(values: Credentials) {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        const lockedUntil = error.status === 429 && error.retryAfterSeconds ? Date.now() + error.retryAfterSeconds * 1000 : undefined;
        setFailure({ detail: error.detail, lockedUntil });
      } else {
        setFailure({ detail: String(error) });
      }
    } finally {
      setSubmitting(false);
    }
  }

  const locked = secondsLeft > 0;
  const lockedUntil = failure?.lockedUntil;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #e8f0ff 0%, #f5f7fa 55%, #eef6f3 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '16px 24px' }}>
        <LanguageSwitch />
      </div>
      <main style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0 16px 48px' }}>
        <div style={{ width: '100%', maxWidth: 420 }}>
          <div style={{ textAlign: 'center', marginBottom: 24, display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
            <LogoMark size={56} />
            <h1 style={{ margin: '12px 0 4px', fontSize: 30, fontWeight: 600, letterSpacing: 2, color: token.colorText }}>{t('app.name')}</h1>
            {/* The subtitle may be wider than the form (English). */}
            <div style={{ color: token.colorTextSecondary, width: 'max-content', maxWidth: 'calc(100vw - 32px)' }}>{t('app.subtitle')}</div>
          </div>
          {/* A plain panel rather than antd Card: Card pulls Tabs and Dropdown into the login bundle. */}
          <section
            aria-labelledby="login-title"
            style={{
              background: token.colorBgContainer,
              borderRadius: token.borderRadiusLG,
              boxShadow: '0 8px 24px rgba(21, 88, 214, 0.08)',
              padding: '24px 32px 32px',
            }}
          >
            <h2 id="login-title" style={{ margin: '0 0 20px', fontSize: 18, fontWeight: 600, color: token.colorText }}>
              {t('login.title')}
            </h2>
            {sessionExpired && !failure && (
              <Alert type="info" showIcon message={t('shell.sessionExpired')} style={{ marginBottom: 16 }} />
            )}
            {loggedOut && !sessionExpired && !failure && (
              <Alert type="success" showIcon message={t('shell.loggedOut')} style={{ marginBottom: 16 }} data-testid="logged-out" />
            )}
            {failure && (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="login-error"
                message={lockedUntil ? t('login.locked') : t('login.failed')}
                description={
                  <>
                    <div>{failure.detail}</div>
                    {lockedUntil && (
                      <div>
                        {t('login.retryAt', {
                          time: dayjs(lockedUntil).format('YYYY-MM-DD HH:mm:ss'),
                          minutes: Math.max(1, Math.ceil((lockedUntil - Date.now()) / 60000)),
                        })}
                      </div>
                    )}
                  </>
                }
                style={{ marginBottom: 16 }}
              />
            )}
            <Form<Credentials> layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on">
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={submitting} disabled={locked}>
                {locked ? t('login.retryIn', { time: formatCountdown(secondsLeft) }) : t('login.submit')}
              </Button>
            </Form>
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <Link to="/public" data-testid="login-public-link">{t('login.public')}</Link>
            </div>
          </section>
          <p style={{ fontSize: 12, lineHeight: 1.7, margin: '16px 8px 0', textAlign: 'center', color: token.colorTextTertiary }}>
            {t('login.footer')}
          </p>
        </div>
      </main>
      <footer style={{ textAlign: 'center', padding: '0 16px 24px', color: token.colorTextTertiary, fontSize: 12 }}>
        © {new Date().getFullYear()} {t('app.bureau')}
      </footer>
    </div>
  );
}
