// 资金对账: by fund, period and recipient, with the Excel export of the same query (in the URL).
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFundsMessages, yuan } from './messages';
import type { Fund, Reconciliation } from './types';

type FundRow = Reconciliation['funds'][number];
type RecipientRow = Reconciliation['recipients'][number];

export default function ReconciliationPage() {
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  usePageTitle('nav.funds');
  useBreadcrumbTrail([{ title: t('crumb.reconciliation') }]);
  const [params, setParams] = useSearchParams();
  const query = { fundId: params.get('fundId') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const funds = useApiGet<Fund[]>('/api/funds', {}, '');
  const { data, loading, error, reload } = useApiGet<Reconciliation>('/api/funds/reconciliation', query, params.toString());
  const [form] = Form.useForm<{ fundId?: string; period?: [Dayjs, Dayjs] | null }>();

  function onSearch(v: { fundId?: string; period?: [Dayjs, Dayjs] | null }) {
    const next = new URLSearchParams();
    if (v.fundId) next.set('fundId', v.fundId);
    if (v.period?.[0]) next.set('from', v.period[0].format('YYYY-MM-DD'));
    if (v.period?.[1]) next.set('to', v.period[1].format('YYYY-MM-DD'));
    setParams(next);
  }
  async function onExport() {
    try {
      await api.download('/api/funds/reconciliation.xlsx', query, 'reconciliation.xlsx');
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  const m = (title: string, get: (r: FundRow) => number) => ({ key: title, title, align: 'right' as const, render: (_: unknown, r: FundRow) => yuan(get(r), locale) });
  const fundColumns: TableColumnsType<FundRow> = [
    { key: 'fund', title: t('rec.fund'), fixed: 'left', width: 220, render: (_, r) => <Space direction="vertical" size={0}><span>{r.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></Space> },
    m(t('rec.opening'), (r) => r.opening.availableFen),
    m(t('rec.appropriated'), (r) => r.movements.appropriatedFen),
    m(t('rec.allocated'), (r) => r.movements.allocatedFen),
    m(t('rec.released'), (r) => r.movements.releasedFen),
    m(t('rec.paid'), (r) => r.movements.paidFen),
    m(t('rec.returned'), (r) => r.movements.returnedFen),
    m(t('rec.reversed'), (r) => r.movements.reversedFen),
    m(t('rec.closing'), (r) => r.closing.availableFen),
    { key: 'entries', title: t('rec.entries'), dataIndex: 'entries', align: 'right' },
    { key: 'balanced', title: t('rec.balanced'), render: (_, r) => <Tag color={r.balanced ? 'green' : 'red'} data-testid={`balanced-${r.code}`}>{r.balanced ? t('rec.balanced') : t('rec.unbalanced')}</Tag> },
  ];
  const rm = (title: string, get: (r: RecipientRow) => number) => ({ key: title, title, align: 'right' as const, render: (_: unknown, r: RecipientRow) => yuan(get(r), locale) });
  const recipientColumns: TableColumnsType<RecipientRow> = [
    { key: 'fund', title: t('rec.fund'), dataIndex: 'fundCode', width: 150 },
    { key: 'recipient', title: t('alloc.recipient'), width: 280, render: (_, r) => <Space direction="vertical" size={0}><span>{r.recipientName}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.recipientRef}</Typography.Text></Space> },
    rm(t('rec.openingRemaining'), (r) => r.openingRemainingFen),
    rm(t('rec.allocated'), (r) => r.allocatedFen),
    rm(t('rec.released'), (r) => r.releasedFen),
    rm(t('rec.paid'), (r) => r.paidFen),
    rm(t('rec.returned'), (r) => r.returnedFen),
    rm(t('rec.closingRemaining'), (r) => r.closingRemainingFen),
    rm(t('rec.closingPaid'), (r) => r.closingPaidFen),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('rec.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('rec.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <Form form={form} layout="inline" onFinish={onSearch} initialValues={{ fundId: query.fundId || undefined, period: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null }}>
          <Form.Item name="fundId" label={t('rec.fund')}>
            <Select allowClear placeholder={t('rec.allFunds')} style={{ width: 260 }} options={(funds.data ?? []).map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
          <Form.Item name="period" label={t('rec.period')}><DatePicker.RangePicker /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('rec.search')}</Button>
            <Button icon={<DownloadOutlined />} onClick={onExport} data-testid="rec-export">{t('rec.export')}</Button>
          </Space>
        </Form>
      </Card>
      <LoadError error={error} onRetry={reload} />
      <Card size="small">
        <Table rowKey="fundId" size="small" loading={loading} columns={fundColumns} dataSource={data?.funds ?? []} pagination={false} scroll={{ x: 1300 }} data-testid="rec-funds" />
      </Card>
      <Card size="small" title={t('rec.recipients')}>
        <Table rowKey={(r) => `${r.fundId}:${r.recipientId}`} size="small" loading={loading} columns={recipientColumns} dataSource={data?.recipients ?? []} scroll={{ x: 1300 }} pagination={{ pageSize: 20, showSizeChanger: true }} />
      </Card>
    </Space>
  );
}
