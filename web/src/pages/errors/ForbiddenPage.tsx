import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, usePageTitle } from '../../i18n';

export default function ForbiddenPage() {
  const { t } = useI18n();
  usePageTitle('error.403.title');
  return (
    <Result
      status="403"
      title={t('error.403.title')}
      subTitle={t('error.403.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
