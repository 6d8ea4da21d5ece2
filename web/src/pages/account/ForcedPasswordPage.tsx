import { Alert, App, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../auth/AuthContext';
import { useI18n, usePageTitle } from '../../i18n';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LogoMark } from '../../components/Logo';

/** Shown instead of the shell while user.mustChangePassword is true. */
export default function ForcedPasswordPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  usePageTitle('password.title');

  async function onLogout() {
    await logout();
    navigate('/login', { replace: true, state: { loggedOut: true } });
  }

  return (
    <App>
      <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '16px 24px' }}>
          <LogoMark size={28} />
          <Typography.Text strong style={{ fontSize: 16, flex: 1 }}>
            {t('app.name')}
          </Typography.Text>
          <LanguageSwitch />
          <Button type="link" onClick={onLogout}>
            {t('shell.logout')}
          </Button>
        </div>
        <div style={{ maxWidth: 520, margin: '32px auto', padding: '0 16px' }}>
          <Card title={`${t('password.title')} · ${user.displayName}`}>
            <Alert type="warning" showIcon message={t('password.forcedNotice')} style={{ marginBottom: 24 }} />
            <ChangePasswordForm onDone={() => navigate('/', { replace: true })} />
          </Card>
        </div>
      </div>
    </App>
  );
}
