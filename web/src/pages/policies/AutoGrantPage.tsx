// 免申即享: run one benefit over the registry, review the list and what changed since the last
// approved batch, approve it as a second person, export it to Excel.
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { districtLabel } from '../../format';
import { useI18n } from '../../i18n';
import { usePolicyMessages, yuan } from './messages';
import type { Batch, Bilingual, GrantItem } from './types';

const CHANGE_COLOR = { new: 'green', same: 'default', changed: 'gold', dropped: 'red' } as const;

export default function AutoGrantPage() {
  const { t, locale } = usePolicyMessages();
  const { t: tr } = useI18n();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  usePageTitle('nav.policies');
  useBreadcrumbTrail([{ title: t('grant.title') }]);
  const user = useCurrentUser();
  const [benefits, setBenefits] = useState<{ code: string; name: Bilingual; published: boolean }[]>([]);
  const [batches, setBatches] = useState<Batch[]>([]);
  const [current, setCurrent] = useState<Batch | null>(null);
  const [items, setItems] = useState<{ total: number; items: GrantItem[] }>({ total: 0, items: [] });
  const [page, setPage] = useState(1);
  const [running, setRunning] = useState(false);

  const loadBatches = () => api.get<Batch[]>('/api/auto-grants').then(setBatches);
  useEffect(() => {
    api.get<{ code: string; name: Bilingual; published: boolean }[]>('/api/benefits').then((bs) => setBenefits(bs.filter((b) => b.published)));
    loadBatches();
  }, []);
  useEffect(() => {
    if (!current) return;
    api.get<{ batch: Batch; total: number; items: GrantItem[] }>(`/api/auto-grants/${current.id}`, { page, pageSize: 20 }).then((r) => { setItems(r); setCurrent(r.batch); });
  }, [current?.id, page]);

  const run = async (v: { benefit: string; asOf: dayjs.Dayjs }) => {
    setRunning(true);
    try {
      const b = await api.post<Batch>('/api/auto-grants', { benefit: v.benefit, asOf: v.asOf.format('YYYY-MM-DD') });
      setPage(1);
      setCurrent(b);
      await loadBatches();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setRunning(false);
    }
  };

  const approve = async () => {
    if (!current) return;
    try {
      const b = await api.post<Batch>(`/api/auto-grants/${current.id}/approve`);
      setCurrent(b);
      message.success(t('grant.approved'));
      await loadBatches();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const name = (code: string) => { const b = benefits.find((x) => x.code === code); return b ? (en ? b.name.en : b.name.zh) : code; };
  const columns: TableColumnsType<GrantItem> = [
    {
      title: t('grant.org'), dataIndex: 'name', fixed: 'left', width: 300,
      render: (_v, i) => (
        <Space direction="vertical" size={0}>
          <Space>{i.name}{i.synthetic && <Tag>{t('grant.synthetic')}</Tag>}</Space>
          <Typography.Text type="secondary" copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>{i.uscc}</Typography.Text>
        </Space>
      ),
    },
    { title: t('grant.district'), dataIndex: 'district', width: 90, render: (d: string) => districtLabel(tr, d) },
    { title: t('calc.amount'), dataIndex: 'amount', width: 150, align: 'right', render: (v: number) => yuan(v) },
    { title: t('grant.previous'), dataIndex: 'previousAmount', width: 150, align: 'right', render: (v: number | null) => yuan(v) },
    { title: t('col.status'), dataIndex: 'change', width: 110, render: (c: GrantItem['change']) => <Tag color={CHANGE_COLOR[c]}>{t(`grant.change.${c}`)}</Tag> },
    { title: t('calc.formula'), width: 420, render: (_v, i) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.explanation.formula ? (en ? i.explanation.formula.en : i.explanation.formula.zh) : ''}</Typography.Text> },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('grant.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('grant.subtitle')}</Typography.Text>
        <Form layout="inline" style={{ marginTop: 16 }} onFinish={run} initialValues={{ asOf: dayjs(), benefit: 'rd_super_deduction' }} data-testid="grant-form">
          <Form.Item name="benefit" label={t('grant.benefit')} rules={[{ required: true }]}>
            <Select style={{ width: 300 }} options={benefits.map((b) => ({ value: b.code, label: en ? b.name.en : b.name.zh }))} data-testid="grant-benefit" />
          </Form.Item>
          <Form.Item name="asOf" label={t('grant.asOf')} rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" loading={running} data-testid="grant-run">{t('grant.run')}</Button></Form.Item>
        </Form>
      </Card>
      {current && (
        <Card
          data-testid="grant-batch"
          title={`${name(current.benefitCode)} · ${current.asOf} · FY${current.fiscalYear}`}
          extra={(
            <Space>
              <Tag color={current.status === 'approved' ? 'green' : current.status === 'pending' ? 'orange' : 'default'} data-testid="grant-status">{t(`grant.status.${current.status}`)}</Tag>
              <a href={`/api/auto-grants/${current.id}/export.xlsx`}><Button>{t('grant.export')}</Button></a>
              {current.status === 'pending' && current.createdBy !== user.username && (
                <Popconfirm title={t('grant.approveConfirm')} onConfirm={approve}><Button type="primary" data-testid="grant-approve">{t('grant.approve')}</Button></Popconfirm>
              )}
            </Space>
          )}
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('grant.orgs')}><span data-testid="grant-orgs">{current.organisations.toLocaleString('en-US')}</span></Descriptions.Item>
            <Descriptions.Item label={t('grant.total')}>{yuan(current.total)}</Descriptions.Item>
            <Descriptions.Item label={t('grant.createdBy', { by: '' }).trim()}>{current.createdBy}{current.approvedBy ? ` → ${current.approvedBy}` : ''}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph data-testid="grant-changes">{t('grant.changes', current.changes)}</Typography.Paragraph>
          {current.budget !== null && current.totalBeforeBudget > current.budget && (
            <Typography.Paragraph type="warning">{t('grant.prorated', { budget: yuan(current.budget), before: yuan(current.totalBeforeBudget) })}</Typography.Paragraph>
          )}
          <Table<GrantItem> rowKey="uscc" columns={columns} dataSource={items.items} scroll={{ x: 1200 }} data-testid="grant-table"
            pagination={{ current: page, pageSize: 20, total: items.total, showSizeChanger: false, onChange: setPage }} />
        </Card>
      )}
      <Card title={t('grant.batches')}>
        {batches.length === 0 ? <Empty description={t('grant.empty')} /> : (
          <Table<Batch> rowKey="id" dataSource={batches} pagination={{ pageSize: 10 }} size="small"
            onRow={(b) => ({ onClick: () => { setPage(1); setCurrent(b); }, style: { cursor: 'pointer' } })}
            columns={[
              { title: t('grant.benefit'), dataIndex: 'benefitCode', render: (c: string) => name(c) },
              { title: t('grant.asOf'), dataIndex: 'asOf' },
              { title: t('col.status'), dataIndex: 'status', render: (s: Batch['status']) => <Tag>{t(`grant.status.${s}`)}</Tag> },
              { title: t('grant.orgs'), dataIndex: 'organisations', align: 'right' },
              { title: t('grant.total'), dataIndex: 'total', align: 'right', render: (v: number) => yuan(v) },
              { title: '', dataIndex: 'createdBy', render: (_v, b) => `${t('grant.createdBy', { by: b.createdBy })}${b.approvedBy ? ` · ${t('grant.approvedBy', { by: b.approvedBy })}` : ''}` },
            ]} />
        )}
      </Card>
    </Space>
  );
}
