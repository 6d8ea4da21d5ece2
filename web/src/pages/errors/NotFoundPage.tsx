import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, usePageTitle } from '../../i18n';

export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle('error.404.title');
  return (
    <div data-testid="not-found">
    <Result
      status="404"
      title={t('error.404.title')}
      subTitle={t('error.404.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
    </div>
  );
}
