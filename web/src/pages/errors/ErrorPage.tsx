import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, usePageTitle } from '../../i18n';

// The test id lets browser journeys find the page without depending on its wording.
const TEST_IDS = { '403': 'forbidden', '404': 'not-found' } as const;

/** The 403 (role may not open the page) and 404 (no such address) pages, with a way home. */
export default function ErrorPage({ status }: { status: '403' | '404' }) {
  const { t } = useI18n();
  usePageTitle(`error.${status}.title`);
  return (
    <div data-testid={TEST_IDS[status]}>
      <Result
        status={status}
        title={t(`error.${status}.title`)}
        subTitle={t(`error.${status}.subtitle`)}
        extra={
          <Link to="/">
            <Button type="primary">{t('error.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
