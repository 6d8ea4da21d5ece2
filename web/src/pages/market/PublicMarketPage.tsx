// The public marketplace (no login): the same listing and search, outside the shell.
import { Link } from 'react-router-dom';
import { Button, Layout, Space, Typography } from 'antd';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { usePageTitle, useI18n } from '../../i18n';
import MarketListPage from './MarketListPage';
import { useMarketMessages } from './messages';

export default function PublicMarketPage() {
  const { t } = useMarketMessages();
  const { t: tApp } = useI18n();
  usePageTitle('nav.market');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{tApp('app.name')} · {t('title')}</Typography.Title>
        <Space>
          <LanguageSwitch />
          <Link to="/login?next=%2Fmarket%2Fmine"><Button type="primary">{t('public.login')}</Button></Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <MarketListPage />
      </Layout.Content>
    </Layout>
  );
}
