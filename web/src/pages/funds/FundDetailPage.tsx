// One fund: balances, management rules and source; its allocations (with payment requests),
// its ledger entries (with reversal) and its balances month by month.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Result, Row, Select, Space, Statistic, Table, Tabs, Tag,
  Typography, type TableColumnsType,
} from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFundsMessages, wan, yuan, type FundsT } from './messages';
import type { Allocation, Entry, Fund, Recipient, TimelinePoint } from './types';
import { GrantPaymentDialog } from './GrantPayment';

type Dialog =
  | { kind: 'appropriate' }
  | { kind: 'allocate' }
  | { kind: 'pay'; allocation: Allocation }
  | { kind: 'return'; allocation: Allocation }
  | { kind: 'grants' };

const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

export default function FundDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  usePageTitle('nav.funds');
  const fund = useApiGet<Fund>(`/api/funds/${id}`, {}, id);
  const allocations = useApiGet<Allocation[]>(`/api/funds/${id}/allocations`, {}, id);
  const [entryPage, setEntryPage] = useState(1);
  const entries = useApiGet<{ total: number; items: Entry[] }>(`/api/funds/${id}/entries`, { page: entryPage, pageSize: 20 }, `${id}:${entryPage}`);
  const timeline = useApiGet<TimelinePoint[]>(`/api/funds/${id}/timeline`, {}, id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const f = fund.data;
  const en = locale === 'en-US';
  useBreadcrumbTrail(f ? [{ title: en && f.nameEn ? f.nameEn : f.name }] : []);

  const reloadAll = () => {
    fund.reload();
    allocations.reload();
    entries.reload();
    timeline.reload();
  };
  const fail = (caught: unknown) => message.error(caught instanceof ApiError ? caught.detail : String(caught));

  async function reverse(entry: Entry) {
    try {
      await api.post(`/api/funds/entries/${entry.id}/reversal`, {});
      message.success(t('form.saved'));
      reloadAll();
    } catch (caught) {
      fail(caught);
    }
  }

  if (fund.error && !f) {
    return <Result status="warning" title={t('detail.notFound')} subTitle={fund.error} />;
  }
  if (!f) return <Card loading />;

  const b = f.balances;
  const rules = f.rules;
  const allocationColumns: TableColumnsType<Allocation> = [
    {
      key: 'recipient', title: t('alloc.recipient'), fixed: 'left', width: 280,
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.recipientName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.recipientRef}</Typography.Text>
        </Space>
      ),
    },
    { key: 'use', title: t('alloc.use'), dataIndex: 'use' },
    { key: 'allocated', title: t('alloc.allocated'), align: 'right', render: (_, a) => yuan(a.allocatedFen, locale) },
    { key: 'paid', title: t('alloc.paid'), align: 'right', render: (_, a) => yuan(a.paidFen, locale) },
    { key: 'pending', title: t('alloc.pending'), align: 'right', render: (_, a) => (a.pendingFen ? <Typography.Text type="warning">{yuan(a.pendingFen, locale)}</Typography.Text> : '—') },
    { key: 'remaining', title: t('alloc.remaining'), align: 'right', render: (_, a) => yuan(a.remainingFen - a.pendingFen, locale) },
    { key: 'status', title: t('alloc.status'), render: (_, a) => <Tag color={a.recipientStatus === 'open' ? 'green' : 'default'}>{t(`alloc.${a.recipientStatus}`)}</Tag> },
    ...(admin ? [{
      key: 'actions', title: '', fixed: 'right' as const, width: 190,
      render: (_: unknown, a: Allocation) => (
        <Space size={0}>
          <Button type="link" size="small" disabled={a.recipientStatus === 'closed' || a.remainingFen - a.pendingFen <= 0} onClick={() => setDialog({ kind: 'pay', allocation: a })} data-testid={`pay-${a.recipientRef}`}>
            {t('alloc.requestPay')}
          </Button>
          <Button type="link" size="small" disabled={a.paidFen <= 0} onClick={() => setDialog({ kind: 'return', allocation: a })}>{t('alloc.return')}</Button>
        </Space>
      ),
    }] : []),
  ];

  const entryColumns: TableColumnsType<Entry> = [
    { key: 'seq', title: t('entry.seq'), dataIndex: 'seq', width: 70 },
    { key: 'date', title: t('entry.date'), dataIndex: 'valueDate', width: 110 },
    {
      key: 'kind', title: t('entry.kind'), width: 120,
      render: (_, e) => (
        <Space size={2}>
          <Tag color={e.kind === 'reversal' ? 'red' : e.kind === 'disbursement' ? 'blue' : undefined}>{t(`entry.kind.${e.kind}` as 'entry.kind.allocation')}</Tag>
          {e.reversedById && <Tag color="red">{t('entry.reversed')}</Tag>}
        </Space>
      ),
    },
    { key: 'amount', title: t('entry.amount'), align: 'right', render: (_, e) => yuan(e.amountFen, locale) },
    { key: 'recipient', title: t('entry.recipient'), render: (_, e) => e.recipientName ?? e.contributor ?? '—' },
    { key: 'reference', title: t('entry.reference'), render: (_, e) => e.reference ?? '—' },
    { key: 'postedBy', title: t('entry.postedBy'), dataIndex: 'postedBy' },
    { key: 'approvedBy', title: t('entry.approvedBy'), render: (_, e) => e.approvedBy ?? '—' },
    { key: 'memo', title: t('entry.memo'), render: (_, e) => e.memo ?? (e.source?.docNo ? t('sourceTag', { doc: e.source.docNo }) : '—') },
    ...(admin ? [{
      key: 'reverse', title: '', width: 80,
      render: (_: unknown, e: Entry) => e.kind !== 'reversal' && !e.reversedById && (
        <Popconfirm title={t('entry.reverseConfirm')} onConfirm={() => reverse(e)}>
          <Button type="link" size="small" danger>{t('entry.reverse')}</Button>
        </Popconfirm>
      ),
    }] : []),
  ];

  const points = timeline.data ?? [];
  const lineKeys = ['appropriatedFen', 'allocatedFen', 'paidFen', 'availableFen'] as const;
  const lineName = (k: (typeof lineKeys)[number]) => t(`col.${k.replace('Fen', '')}` as 'col.paid');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
          <Space direction="vertical" size={2}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="fund-title">{en && f.nameEn ? f.nameEn : f.name}</Typography.Title>
            <Space size={4} wrap>
              <Tag>{f.code}</Tag>
              <Tag>{t(`kind.${f.kind}` as 'kind.special')}</Tag>
              <Tag>{t(`level.${f.sourceLevel}` as 'level.city')}</Tag>
              {f.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
              {f.source?.docNo && <Tag color="blue">{t('sourceTag', { doc: f.source.docNo })}</Tag>}
            </Space>
          </Space>
          {admin && (
            <Space>
              {(!rules.recipientKinds.length || rules.recipientKinds.includes('org')) && (
                <Button onClick={() => setDialog({ kind: 'grants' })} data-testid="fund-pay-grants">{t('gp.button')}</Button>
              )}
              <Button onClick={() => setDialog({ kind: 'appropriate' })} data-testid="fund-appropriate">{t('detail.appropriate')}</Button>
              <Button type="primary" onClick={() => setDialog({ kind: 'allocate' })} data-testid="fund-allocate">{t('detail.allocate')}</Button>
            </Space>
          )}
        </div>
        <Row gutter={16} style={{ marginTop: 16 }}>
          {(['appropriatedFen', 'allocatedFen', 'paidFen', 'availableFen', 'pendingFen'] as const).map((k) => (
            <Col key={k} xs={12} md={4}>
              <Statistic title={`${t(`col.${k.replace('Fen', '')}` as 'col.paid')}（${t('unit.yuan')}）`} value={yuan(b[k], locale)} valueStyle={{ fontSize: 20 }} />
            </Col>
          ))}
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }} title={t('detail.rules')}>
          <Descriptions.Item label={t('detail.rulesUses')}>{rules.eligibleUses.join('、') || t('detail.any')}</Descriptions.Item>
          <Descriptions.Item label={t('detail.rulesKinds')}>{rules.recipientKinds.join('、') || t('detail.any')}</Descriptions.Item>
          {rules.capPerRecipientFen !== undefined && <Descriptions.Item label={t('detail.rulesCapRecipient')}>{yuan(rules.capPerRecipientFen, locale)} {t('unit.yuan')}</Descriptions.Item>}
          {rules.capPerCountyFen !== undefined && <Descriptions.Item label={t('detail.rulesCapCounty')}>{yuan(rules.capPerCountyFen, locale)} {t('unit.yuan')}</Descriptions.Item>}
          {rules.maxShareOfInvestmentBp !== undefined && <Descriptions.Item label={t('detail.rulesShare')}>{rules.maxShareOfInvestmentBp / 100}%</Descriptions.Item>}
          <Descriptions.Item label={t('detail.purpose')} span={2}>{f.purpose}</Descriptions.Item>
          {f.source && <Descriptions.Item label={t('detail.source')} span={2}>{[f.source.title, f.source.docNo, f.source.date, f.source.note].filter(Boolean).join('；')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'allocations', label: t('detail.tabAllocations'),
              children: (
                <>
                  <LoadError error={allocations.error} onRetry={allocations.reload} />
                  <Table rowKey="id" size="small" loading={allocations.loading} columns={allocationColumns} dataSource={allocations.data ?? []} scroll={{ x: 1100 }} pagination={{ pageSize: 20, showSizeChanger: true }} data-testid="allocations-table" />
                </>
              ),
            },
            {
              key: 'entries', label: t('detail.tabEntries'),
              children: (
                <>
                  <LoadError error={entries.error} onRetry={entries.reload} />
                  <Table
                    rowKey="id" size="small" loading={entries.loading} columns={entryColumns} dataSource={entries.data?.items ?? []} scroll={{ x: 1100 }} data-testid="entries-table"
                    pagination={{ current: entryPage, pageSize: 20, total: entries.data?.total ?? 0, onChange: setEntryPage, showSizeChanger: false }}
                    expandable={{ expandedRowRender: (e) => <Lines entry={e} t={t} locale={locale} /> }}
                  />
                </>
              ),
            },
            {
              key: 'timeline', label: t('detail.tabTimeline'),
              children: points.length === 0 ? <Empty description={t('timeline.empty')} /> : (
                <EChart
                  title={t('timeline.title')} unit={t('list.chartUnit')} testId="fund-timeline" height={320}
                  labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
                  option={{
                    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 80, right: 16, top: 32, bottom: 32 },
                    xAxis: { type: 'category', data: points.map((p) => p.month) }, yAxis: { type: 'value' },
                    series: lineKeys.map((k) => ({ name: lineName(k), type: 'line', step: 'end', data: points.map((p) => wan(p[k])) })),
                  }}
                  table={{
                    columns: [{ key: 'month', title: t('entry.date') }, ...lineKeys.map((k) => ({ key: k, title: lineName(k), align: 'right' as const }))],
                    rows: points.map((p) => ({ month: p.month, ...Object.fromEntries(lineKeys.map((k) => [k, wan(p[k]).toLocaleString(locale)])) })),
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      {dialog?.kind === 'grants' && <GrantPaymentDialog fund={f} onClose={() => setDialog(null)} onDone={() => { setDialog(null); reloadAll(); }} />}
      {dialog && dialog.kind !== 'grants' && <MovementDialog dialog={dialog} fund={f} t={t} onClose={() => setDialog(null)} onDone={() => { setDialog(null); reloadAll(); }} />}
    </Space>
  );
}

function Lines({ entry, t, locale }: { entry: Entry; t: FundsT; locale: string }) {
  return (
    <Table
      size="small" pagination={false} rowKey={(_, i) => String(i)} style={{ maxWidth: 560 }}
      columns={[
        { key: 'account', title: t('entry.lines'), render: (_, l) => t(`account.${l.account}` as 'account.paid') },
        { key: 'debit', title: '借 Dr', align: 'right', render: (_, l) => (l.amountFen > 0 ? yuan(l.amountFen, locale) : '') },
        { key: 'credit', title: '贷 Cr', align: 'right', render: (_, l) => (l.amountFen < 0 ? yuan(-l.amountFen, locale) : '') },
      ]}
      dataSource={entry.lines}
    />
  );
}

interface FormValues { amount: number; contributor?: string; memo?: string; recipientId?: string; use?: string; reference?: string; payee?: string }

function MovementDialog({ dialog, fund, t, onClose, onDone }: { dialog: Dialog; fund: Fund; t: FundsT; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recipients = useApiGet<Recipient[]>('/api/funds/recipients', { status: 'open' }, dialog.kind === 'allocate' ? 'open' : 'skip');
  const title = dialog.kind === 'appropriate' ? t('detail.appropriate') : dialog.kind === 'allocate' ? t('detail.allocate') : dialog.kind === 'pay' ? t('alloc.requestPay') : t('alloc.return');
  const eligible = (recipients.data ?? []).filter((r) => !fund.rules.recipientKinds.length || fund.rules.recipientKinds.includes(r.kind));

  async function submit(v: FormValues) {
    setSaving(true);
    setError(null);
    try {
      const amountFen = toFen(v.amount);
      if (dialog.kind === 'appropriate') await api.post(`/api/funds/${fund.id}/appropriations`, { amountFen, contributor: v.contributor, memo: v.memo || undefined });
      if (dialog.kind === 'allocate') await api.post(`/api/funds/${fund.id}/allocations`, { amountFen, recipientId: v.recipientId, use: v.use, note: v.memo || undefined });
      if (dialog.kind === 'pay') await api.post(`/api/funds/allocations/${dialog.allocation.id}/disbursements`, { amountFen, reference: v.reference, payee: v.payee || undefined, memo: v.memo || undefined });
      if (dialog.kind === 'return') await api.post(`/api/funds/allocations/${dialog.allocation.id}/returns`, { amountFen, reference: v.reference, memo: v.memo || undefined });
      message.success(t('form.saved'));
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'fund-dialog-ok' }}>
      {(dialog.kind === 'pay' || dialog.kind === 'return') && (
        <Typography.Paragraph type="secondary">{dialog.allocation.recipientName}（{dialog.allocation.recipientRef}）{dialog.kind === 'pay' && <><br />{t('form.payHint')}</>}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="fund-dialog">
        {dialog.kind === 'allocate' && (
          <>
            <Form.Item name="recipientId" label={t('form.recipient')} rules={required}>
              <Select showSearch optionFilterProp="label" loading={recipients.loading} options={eligible.map((r) => ({ value: r.id, label: `${r.ref} ${r.name}` }))} />
            </Form.Item>
            <Form.Item name="use" label={t('form.use')} rules={required} initialValue={fund.rules.eligibleUses[0]}>
              {fund.rules.eligibleUses.length ? <Select options={fund.rules.eligibleUses.map((u) => ({ value: u, label: u }))} /> : <Input maxLength={60} />}
            </Form.Item>
          </>
        )}
        <Form.Item name="amount" label={t('form.amountYuan')} rules={required}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="fund-dialog-amount" />
        </Form.Item>
        {dialog.kind === 'appropriate' && <Form.Item name="contributor" label={t('form.contributor')} rules={required}><Input maxLength={100} /></Form.Item>}
        {(dialog.kind === 'pay' || dialog.kind === 'return') && (
          <Form.Item name="reference" label={t('form.reference')} rules={required}><Input maxLength={80} data-testid="fund-dialog-reference" /></Form.Item>
        )}
        {dialog.kind === 'pay' && <Form.Item name="payee" label={t('form.payee')}><Input maxLength={200} placeholder={dialog.allocation.recipientName} /></Form.Item>}
        <Form.Item name="memo" label={t('form.memo')}><Input maxLength={500} /></Form.Item>
      </Form>
      {error && <Typography.Text type="danger" data-testid="fund-dialog-error">{error}</Typography.Text>}
    </Modal>
  );
}
