import { Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n, usePageTitle } from '../../i18n';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';

/** Voluntary password change, inside the shell (user menu → 修改密码). */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle('password.title');
  return (
    <Card title={t('password.title')}>
      <ChangePasswordForm onDone={() => navigate('/')} />
    </Card>
  );
}
