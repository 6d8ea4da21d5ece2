// Public (no login) listing of published calls, open challenges (揭榜挂帅) and contest rounds: a section of the /public portal.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Modal, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { fmtTime, useProgrammeMessages, yuan } from './messages';
import { CallDetails, KindTag, WindowTag } from './parts';
import type { Call } from './types';

export default function PublicCallsPage() {
  const { t } = useProgrammeMessages();
  const [kind, setKind] = useState<string>('all');
  const { data, loading, error, reload } = useApiGet<Call[]>('/api/public/calls', { kind: kind === 'all' ? undefined : kind }, kind);
  const [open, setOpen] = useState<Call | null>(null);
  const columns: TableColumnsType<Call> = [
    { title: t('col.call'), dataIndex: 'title', width: 380, render: (v: string, c) => <Space direction="vertical" size={0}><a onClick={() => setOpen(c)} data-testid="public-call">{v}</a>{c.synthetic && <Tag>{t('synthetic')}</Tag>}</Space> },
    { title: t('col.kind'), dataIndex: 'kind', width: 130, render: (v: string) => <KindTag kind={v} /> },
    { title: t('col.window'), dataIndex: 'window', width: 90, render: (v: string) => <WindowTag window={v} /> },
    { title: t('col.closes'), dataIndex: 'closesAt', width: 180, render: fmtTime },
    { title: t('col.budget'), dataIndex: 'budgetFen', width: 160, align: 'right', render: yuan },
    { title: t('col.maxAward'), dataIndex: 'maxAwardFen', width: 160, align: 'right', render: yuan },
  ];
  return (
    <>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('public.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('public.subtitle')}</Typography.Paragraph>
        <Segmented value={kind} onChange={(v) => setKind(String(v))} style={{ marginBottom: 16 }} options={[
          { value: 'all', label: t('tab.calls') }, { value: 'open_challenge', label: t('kind.open_challenge') }, { value: 'contest', label: t('kind.contest') }, { value: 'major_research', label: t('kind.major_research') },
        ]} />
        <LoadError error={error} onRetry={reload} />
        <Table<Call> data-testid="public-calls" rowKey="id" columns={columns} dataSource={data ?? []} loading={loading} scroll={{ x: 1100 }} locale={{ emptyText: t('empty.calls') }} pagination={{ pageSize: 20 }} />
      </Card>
      <Modal open={!!open} title={open?.title} width={860} footer={<Link to="/login"><Button type="primary">{t('public.login')}</Button></Link>} onCancel={() => setOpen(null)}>
        {open && <CallDetails call={open} />}
      </Modal>
    </>
  );
}
