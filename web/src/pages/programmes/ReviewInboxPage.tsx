// Reviewer inbox: own assignments only.
import { Link } from 'react-router-dom';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { fmtTime, useProgrammeMessages } from './messages';

interface Review { id: string; title: string; callTitle: string; status: string; total: number | null; locked: boolean; submittedAt: string | null }

export default function ReviewInboxPage() {
  const { t } = useProgrammeMessages();
  usePageTitle('nav.programmes');
  const { data, loading, error, reload } = useApiGet<Review[]>('/api/programmes/reviews', {}, '');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card><Typography.Title level={4} style={{ margin: 0 }}>{t('rev.inbox')}</Typography.Title><Typography.Text type="secondary">{t('rev.blind')}</Typography.Text></Card>
      <Card>
        <LoadError error={error} onRetry={reload} />
        <Table<Review> data-testid="review-inbox" rowKey="id" loading={loading} dataSource={data ?? []} locale={{ emptyText: t('empty.reviews') }} pagination={false} columns={[
          { title: t('col.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/programmes/reviews/${r.id}`} data-testid="review-link">{v}</Link> },
          { title: t('col.call'), dataIndex: 'callTitle' },
          { title: t('col.status'), dataIndex: 'status', render: (v: string, r) => <Space><Tag color={v === 'submitted' ? 'green' : 'blue'}>{v === 'submitted' ? t('rev.saved') : t('rev.score')}</Tag>{r.locked && <Tag>{t('rev.locked')}</Tag>}</Space> },
          { title: t('col.rawMean'), dataIndex: 'total', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('col.submitted'), dataIndex: 'submittedAt', render: fmtTime },
        ]} />
      </Card>
    </Space>
  );
}
