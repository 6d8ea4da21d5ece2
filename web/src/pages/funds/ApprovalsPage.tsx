// 拨付复核: the checker's queue. A request is approved (and posted) or rejected by an
// administrator other than its maker; the maker may withdraw it. Decided requests below.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFundsMessages, yuan } from './messages';
import type { Disbursement } from './types';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default' } as const;

export default function ApprovalsPage() {
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'bureau_admin';
  usePageTitle('nav.funds');
  useBreadcrumbTrail([{ title: t('crumb.approvals') }]);
  const [historyPage, setHistoryPage] = useState(1);
  const pending = useApiGet<{ total: number; items: Disbursement[] }>('/api/funds/disbursements', { status: 'pending', pageSize: 200 }, 'pending');
  const history = useApiGet<{ total: number; items: Disbursement[] }>('/api/funds/disbursements', { page: historyPage, pageSize: 20 }, `all:${historyPage}`);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(d: Disbursement, action: 'approve' | 'reject' | 'cancel') {
    setBusy(d.id);
    try {
      await api.post(`/api/funds/disbursements/${d.id}/${action}`, {});
      message.success(t(action === 'approve' ? 'approvals.approved' : action === 'reject' ? 'approvals.rejected' : 'approvals.cancelled'));
      pending.reload();
      history.reload();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setBusy(null);
    }
  }

  const base: TableColumnsType<Disbursement> = [
    {
      key: 'recipient', title: t('alloc.recipient'), fixed: 'left', width: 260,
      render: (_, d) => (
        <Space direction="vertical" size={0}>
          <span>{d.recipientName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.recipientRef}</Typography.Text>
        </Space>
      ),
    },
    { key: 'fund', title: t('approvals.fund'), render: (_, d) => <Link to={`/funds/${d.fundId}`}>{d.fundName}</Link> },
    { key: 'amount', title: `${t('entry.amount')}（${t('unit.yuan')}）`, align: 'right', render: (_, d) => yuan(d.amountFen, locale) },
    { key: 'reference', title: t('form.reference'), dataIndex: 'reference' },
    { key: 'payee', title: t('form.payee'), dataIndex: 'payee' },
    { key: 'requestedBy', title: t('approvals.requestedBy'), dataIndex: 'requestedBy' },
    { key: 'requestedAt', title: t('approvals.requestedAt'), render: (_, d) => formatDateTime(d.requestedAt) },
  ];
  const queueColumns: TableColumnsType<Disbursement> = [
    ...base,
    ...(admin ? [{
      key: 'actions', title: '', fixed: 'right' as const, width: 200,
      render: (_: unknown, d: Disbursement) => {
        const own = d.requestedBy === user.username;
        return own ? (
          <Space size={0}>
            <Tooltip title={t('approvals.own')}><Tag>{t('approvals.own')}</Tag></Tooltip>
            <Button type="link" size="small" loading={busy === d.id} onClick={() => decide(d, 'cancel')}>{t('approvals.cancel')}</Button>
          </Space>
        ) : (
          <Space size={0}>
            <Popconfirm title={`${t('approvals.approve')}：${yuan(d.amountFen, locale)} ${t('unit.yuan')}？`} onConfirm={() => decide(d, 'approve')}>
              <Button type="link" size="small" loading={busy === d.id} data-testid={`approve-${d.reference}`}>{t('approvals.approve')}</Button>
            </Popconfirm>
            <Button type="link" size="small" danger disabled={busy === d.id} onClick={() => decide(d, 'reject')}>{t('approvals.reject')}</Button>
          </Space>
        );
      },
    }] : []),
  ];
  const historyColumns: TableColumnsType<Disbursement> = [
    ...base,
    { key: 'status', title: t('approvals.status'), render: (_, d) => <Tag color={STATUS_COLOR[d.status]}>{t(`status.${d.status}`)}</Tag> },
    { key: 'decidedBy', title: t('approvals.decidedBy'), render: (_, d) => d.decidedBy ?? '—' },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('approvals.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('approvals.subtitle')}</Typography.Text>
      </div>
      <LoadError error={pending.error} onRetry={pending.reload} />
      <Card size="small" title={`${t('status.pending')}（${pending.data?.total ?? 0}）`}>
        <Table
          rowKey="id" size="small" loading={pending.loading} columns={queueColumns} dataSource={pending.data?.items ?? []} scroll={{ x: 1200 }} pagination={false}
          locale={{ emptyText: <Empty description={t('approvals.empty')} /> }} data-testid="approvals-table"
        />
      </Card>
      <Card size="small" title={t('approvals.history')}>
        <Table
          rowKey="id" size="small" loading={history.loading} columns={historyColumns} dataSource={(history.data?.items ?? []).filter((d) => d.status !== 'pending')} scroll={{ x: 1200 }}
          pagination={{ current: historyPage, pageSize: 20, total: history.data?.total ?? 0, onChange: setHistoryPage, showSizeChanger: false }}
        />
      </Card>
    </Space>
  );
}
