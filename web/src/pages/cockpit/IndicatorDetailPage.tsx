// One indicator: its definition and series. A reported one lists every value with its source
// (the bureau records and corrects values here); a computed one shows the platform's series
// beside the reported figure, how the two compare, and the organisations behind the figure.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFigure } from './IndicatorCard';
import { useCockpitMessages } from './messages';
import { formatNumber, name, PERIOD_EXAMPLES, unitLabel, type ByChain, type ByDistrict, type Indicator, type IndicatorDetail, type RowItem, type Rows, type Snapshot, type Value } from './types';

const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'];

function ValueModal({ indicator, editing, onClose, onSaved }: { indicator: Indicator; editing: Value | null; onClose: () => void; onSaved: () => void }) {
  const { t: m } = useCockpitMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  async function save() {
    const v = await form.validateFields();
    const body = {
      value: v.value, unit: indicator.unit, qualifier: v.qualifier ?? null, note: v.note ?? '',
      source: { title: v.sourceTitle, docNo: v.sourceDocNo || null, issuer: v.sourceIssuer || null, date: v.sourceDate.format('YYYY-MM-DD'), url: null },
    };
    setSaving(true);
    try {
      if (editing) await api.put(`/api/indicators/${indicator.id}/values/${encodeURIComponent(editing.period)}`, { ...body, reason: v.reason });
      else await api.post(`/api/indicators/${indicator.id}/values`, { ...body, period: v.period });
      message.success(m('form.saved'));
      onSaved();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  const initial = editing
    ? { period: editing.period, value: editing.value, qualifier: editing.qualifier ?? undefined, note: editing.note, sourceTitle: editing.source.title, sourceDocNo: editing.source.docNo, sourceIssuer: editing.source.issuer, sourceDate: dayjs(editing.source.date) }
    : {};
  return (
    <Modal open title={editing ? m('detail.correct') : m('detail.addValue')} onCancel={onClose} onOk={save} confirmLoading={saving} okText={m('form.save')} cancelText={m('form.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="value-form">
        <Space wrap>
          <Form.Item name="period" label={m('value.period')} extra={m('value.periodHint', { example: PERIOD_EXAMPLES[indicator.frequency] })} rules={[{ required: true }]}>
            <Input disabled={Boolean(editing)} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="value" label={`${m('value.value')}（${indicator.unit}）`} rules={[{ required: true }]}><InputNumber style={{ width: 160 }} /></Form.Item>
          <Form.Item name="qualifier" label={m('value.qualifier')}>
            <Select allowClear style={{ width: 120 }} placeholder={m('value.qualifierNone')} options={[{ value: 'more_than', label: m('qualifier.more_than', { value: 'N' }) }, { value: 'nearly', label: m('qualifier.nearly', { value: 'N' }) }]} />
          </Form.Item>
        </Space>
        <Form.Item name="sourceTitle" label={m('value.sourceTitle')} rules={[{ required: true }]}><Input /></Form.Item>
        <Space wrap>
          <Form.Item name="sourceDocNo" label={m('value.sourceDocNo')}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="sourceIssuer" label={m('value.sourceIssuer')}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="sourceDate" label={m('value.sourceDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="note" label={m('value.note')}><Input /></Form.Item>
        {editing && <Form.Item name="reason" label={m('value.reason')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>}
      </Form>
    </Modal>
  );
}

function RowsCard({ indicator }: { indicator: Indicator }) {
  const { t } = useI18n();
  const { t: m, locale } = useCockpitMessages();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? '';
  const district = params.get('district') ?? '';
  const chain = params.get('chain') ?? '';
  const page = Number(params.get('page') ?? 1);
  const { data, loading, error, reload } = useApiGet<Rows>(`/api/indicators/${indicator.id}/rows`, { period, district, chain, page, pageSize: 20 }, params.toString());
  const items = indicator.rowKind === 'items';
  const unit = unitLabel(indicator.unit, locale);

  function set(next: Record<string, string>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? merged.set(k, v) : merged.delete(k));
    setParams(merged);
  }

  async function exportRows() {
    try {
      await api.download(`/api/indicators/${indicator.id}/rows.xlsx`, { period: data?.period ?? period, district, chain }, `${indicator.id}.xlsx`);
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  return (
    <Card
      title={m(items ? 'detail.rowsItems' : 'detail.rows')}
      extra={(
        <Space wrap>
          {chain && <Tag closable onClose={() => set({ chain: '', page: '' })} data-testid="rows-chain-filter">{m('detail.chainFilter', { chain })}</Tag>}
          {user.role === 'bureau_admin' && (indicator.dimensions.includes('district') || district) && (
            <Select allowClear placeholder={m('detail.district')} style={{ width: 120 }} value={district || undefined} onChange={(v) => set({ district: v ?? '', page: '' })}
              options={DISTRICTS.map((d) => ({ value: d, label: districtLabel(t, d) }))} />
          )}
          <Button icon={<FileExcelOutlined />} onClick={exportRows} data-testid="rows-export">{m('action.exportExcel')}</Button>
        </Space>
      )}
      data-testid="indicator-rows"
    >
      <LoadError error={error} onRetry={reload} />
      {data && <Typography.Paragraph type="secondary">{m(items ? 'detail.itemsTotal' : 'detail.rowsTotal', { period: data.period, n: formatNumber(data.total) })}</Typography.Paragraph>}
      <Table
        rowKey="uscc" size="small" loading={loading} dataSource={data?.items ?? []}
        locale={{ emptyText: m('detail.noRows') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
        columns={items ? [
          { key: 'uscc', title: m('detail.key'), width: 160, render: (_, r) => <Typography.Text style={{ fontFamily: 'monospace' }}>{r.uscc}</Typography.Text> },
          { key: 'name', title: m('detail.item'), render: (_, r) => <Space size={4}>{r.href ? <Link to={r.href}>{r.name}</Link> : r.name}{r.synthetic && <Tag color="orange">{m('detail.synthetic')}</Tag>}</Space> },
          ...(indicator.dimensions.includes('district') ? [{ key: 'district', title: m('detail.district'), width: 100, render: (_: unknown, r: RowItem) => (r.district ? districtLabel(t, r.district) : '—') }] : []),
          { key: 'value', title: `${m('detail.value')}（${unit}）`, width: 140, align: 'right', render: (_, r) => (r.value === null ? '—' : formatNumber(r.value)) },
          { key: 'detail', title: m('detail.detail'), render: (_, r) => r.detail ?? '—' },
        ] : [
          { key: 'uscc', title: m('detail.uscc'), width: 200, render: (_, r) => <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{r.uscc}</Typography.Text> },
          { key: 'name', title: m('detail.orgName'), render: (_, r) => <Space size={4}><Link to={`/registry/${r.uscc}`}>{r.name}</Link>{r.synthetic && <Tag color="orange">{m('detail.synthetic')}</Tag>}</Space> },
          { key: 'district', title: m('detail.district'), width: 100, render: (_, r) => (r.district ? districtLabel(t, r.district) : '—') },
          { key: 'detail', title: m('detail.detail'), render: (_, r) => r.detail ?? '—' },
        ]}
      />
    </Card>
  );
}

/** Sets filters of the rows below (a bar of a breakdown chart drills down to its rows). */
function useRowFilter() {
  const [params, setParams] = useSearchParams();
  return (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? merged.set(k, v) : merged.delete(k));
    merged.delete('page');
    setParams(merged);
    document.querySelector('[data-testid="indicator-rows"]')?.scrollIntoView({ behavior: 'smooth' });
  };
}

/** The computed figure per district; a bar filters the rows below to that district. */
function ByDistrictCard({ indicator }: { indicator: Indicator }) {
  const { t } = useI18n();
  const { t: m, locale } = useCockpitMessages();
  const filter = useRowFilter();
  const [params] = useSearchParams();
  const period = params.get('period') ?? '';
  const { data } = useApiGet<ByDistrict>(`/api/indicators/${indicator.id}/by-district`, { period }, `${indicator.id}|${period}`);
  if (!data) return null;
  const unit = unitLabel(indicator.unit, locale);
  const labels = { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
  return (
    <Card>
      <EChart
        testId="indicator-by-district" title={m('detail.byDistrict', { period: data.period })} unit={`${m('list.unit')}：${unit}`} labels={labels} fileName={`${indicator.id}-by-district`}
        note={m('detail.byDistrictNote')} height={260}
        onClick={(p) => filter({ district: data.values[p.dataIndex].district, period: data.period })}
        option={{
          tooltip: { trigger: 'axis' }, grid: { left: 56, right: 16, top: 24, bottom: 24 },
          xAxis: { type: 'category', data: data.values.map((v) => districtLabel(t, v.district)) }, yAxis: { type: 'value' },
          series: [{ type: 'bar', data: data.values.map((v) => v.value), label: { show: true, position: 'top' }, cursor: 'pointer' }],
        }}
        table={{
          columns: [{ key: 'district', title: m('chart.district.col') }, { key: 'value', title: unit, align: 'right' }],
          rows: data.values.map((v) => ({ district: districtLabel(t, v.district), value: formatNumber(v.value) })),
        }}
      />
    </Card>
  );
}

/** The daily snapshots: the figure's stored history in the caller's scope. */
function HistoryCard({ indicator, snapshots }: { indicator: Indicator; snapshots: Snapshot[] }) {
  const { t } = useI18n();
  const { t: m, locale } = useCockpitMessages();
  const unit = unitLabel(indicator.unit, locale);
  const labels = { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
  const scope = indicator.current?.scope && indicator.current.scope !== 'city' ? districtLabel(t, indicator.current.scope) : m('scope.cityShort');
  return (
    <Card>
      <EChart
        testId="indicator-history" title={m('detail.history', { scope })} unit={`${m('list.unit')}：${unit}`} labels={labels} fileName={`${indicator.id}-history`}
        note={m('detail.historyNote')} height={240}
        option={{
          tooltip: { trigger: 'axis' }, grid: { left: 64, right: 24, top: 16, bottom: 28 },
          xAxis: { type: 'category', data: snapshots.map((s) => s.day) }, yAxis: { type: 'value', scale: true },
          series: [{ type: 'line', data: snapshots.map((s) => s.value), symbolSize: 6, label: { show: snapshots.length <= 12, position: 'top' } }],
        }}
        table={{
          columns: [{ key: 'day', title: m('detail.period') }, { key: 'period', title: m('chart.period') }, { key: 'value', title: unit, align: 'right' }],
          rows: snapshots.map((s) => ({ day: s.day, period: s.period, value: formatNumber(s.value) })),
        }}
      />
    </Card>
  );
}

/** The computed figure per industry chain; a bar filters the rows below to that chain. */
function ByChainCard({ indicator }: { indicator: Indicator }) {
  const { t: m, locale } = useCockpitMessages();
  const filter = useRowFilter();
  const { data } = useApiGet<ByChain>(`/api/indicators/${indicator.id}/by-chain`, {}, indicator.id);
  if (!data || data.values.length === 0) return null;
  const unit = unitLabel(indicator.unit, locale);
  const labels = { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
  return (
    <Card>
      <EChart
        testId="indicator-by-chain" title={m('detail.byChain', { period: data.period })} unit={`${m('list.unit')}：${unit}`} labels={labels} fileName={`${indicator.id}-by-chain`}
        note={indicator.rowKind === 'orgs' ? m('detail.byChainNote') : undefined} height={Math.max(160, 40 * data.values.length)}
        onClick={(p) => filter({ chain: data.values[p.dataIndex].chainId, period: data.period })}
        option={{
          tooltip: { trigger: 'axis' }, grid: { left: 140, right: 32, top: 8, bottom: 24 },
          yAxis: { type: 'category', data: data.values.map((c) => name(c.name, locale)), inverse: true }, xAxis: { type: 'value' },
          series: [{ type: 'bar', data: data.values.map((c) => c.value), label: { show: true, position: 'right' }, cursor: 'pointer' }],
        }}
        table={{
          columns: [{ key: 'chain', title: m('detail.chain') }, { key: 'value', title: unit, align: 'right' }],
          rows: data.values.map((c) => ({ chain: name(c.name, locale), value: formatNumber(c.value) })),
        }}
      />
    </Card>
  );
}

export default function IndicatorDetailPage() {
  const { id = '' } = useParams();
  const { t: m, locale } = useCockpitMessages();
  const figure = useFigure();
  const user = useCurrentUser();
  usePageTitle('nav.cockpit');
  const { data, loading, error, reload } = useApiGet<IndicatorDetail>(`/api/indicators/${id}`, {}, id);
  const [editing, setEditing] = useState<Value | null | undefined>(undefined);
  useBreadcrumbTrail(data ? [{ title: m('action.indicators'), path: '/cockpit/indicators' }, { title: name(data.indicator.name, locale) }] : []);

  if (loading && !data) return <Card><Skeleton active /></Card>;
  if (!data) return <LoadError error={error} onRetry={reload} />;
  const i = data.indicator;
  const unit = unitLabel(i.unit, locale);
  const labels = { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
  const admin = user.role === 'bureau_admin' && i.kind === 'reported';

  // Reported: its own values. Computed: the platform series, with the reported figures of the same periods.
  const periods = i.kind === 'reported' ? data.values.map((v) => v.period) : data.series.map((s) => s.period);
  const reportedBy = new Map((i.kind === 'reported' ? data.values : data.reported).map((v) => [v.period, v.value]));
  const series = i.kind === 'reported'
    ? [{ type: 'bar' as const, name: m('kind.reported'), data: data.values.map((v) => v.value) }]
    : [
      { type: 'bar' as const, name: m('kind.computed'), data: data.series.map((s) => s.value) },
      ...(data.reported.length ? [{ type: 'line' as const, name: m('kind.reported'), data: periods.map((p) => reportedBy.get(p) ?? null), connectNulls: true }] : []),
    ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="indicator-title">{name(i.name, locale)}</Typography.Title>
            <Tag color={i.kind === 'reported' ? 'blue' : 'cyan'}>{m(`kind.${i.kind}`)}</Tag>
            <Tag>{m(`topic.${i.topic}`)}</Tag>
            {i.published && <Tag color="green">{m('list.published')}</Tag>}
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={m('list.id')}><Typography.Text code>{i.id}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={m('list.unit')}>{i.unit}</Descriptions.Item>
            <Descriptions.Item label={m('list.frequency')}>{m(`freq.${i.frequency}`)}</Descriptions.Item>
            <Descriptions.Item label={m('list.owner')}>{i.owner || '—'}</Descriptions.Item>
            {i.target && <Descriptions.Item label={m('card.target')}>{m('detail.target', { value: formatNumber(i.target.value), unit })}</Descriptions.Item>}
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{m('detail.definition')}：{name(i.definition, locale)}</Typography.Paragraph>
          {i.comparison && <Alert type="info" showIcon message={m('comparison.title')} description={name(i.comparison.explanation, locale)} data-testid="indicator-comparison" />}
        </Space>
      </Card>
      {/* A computed figure of one period only is its card; its history is the snapshots below. */}
      {(i.kind === 'reported' ? periods.length > 0 : periods.length > 1) && (
        <Card>
          <EChart
            title={i.kind === 'reported' ? m('detail.values') : m('detail.series')} unit={`${m('list.unit')}：${unit}`} labels={labels} fileName={i.id}
            option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 64, right: 24, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' }, series,
            }}
            table={{
              columns: [{ key: 'period', title: m('detail.period') }, ...series.map((s, n) => ({ key: `s${n}`, title: s.name, align: 'right' as const }))],
              rows: periods.map((p, row) => ({ period: p, ...Object.fromEntries(series.map((s, n) => [`s${n}`, s.data[row] ?? '—'])) })),
            }}
          />
        </Card>
      )}
      {i.kind === 'reported' && (
        <Card title={m('detail.values')} extra={admin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="value-add">{m('detail.addValue')}</Button>}>
          <Table<Value>
            rowKey="period" size="small" pagination={false} dataSource={[...data.values].reverse()}
            columns={[
              { key: 'period', title: m('detail.period'), width: 130, render: (_, v) => v.period },
              { key: 'value', title: m('detail.value'), align: 'right', width: 160, render: (_, v) => `${figure(v.value, v.qualifier)} ${unit}` },
              { key: 'source', title: m('detail.recorded'), render: (_, v) => `${[v.source.docNo, v.source.title].filter(Boolean).join(' ')}（${v.source.date}）` },
              { key: 'note', title: m('detail.note'), render: (_, v) => v.note || '—' },
              ...(admin ? [{ key: 'edit', title: '', width: 80, render: (_: unknown, v: Value) => <Button size="small" type="link" onClick={() => setEditing(v)}>{m('detail.correct')}</Button> }] : []),
            ]}
          />
        </Card>
      )}
      {i.currentOnly && <Alert type="info" message={m('detail.currentOnly')} />}
      {data.snapshots.length > 0 && <HistoryCard indicator={i} snapshots={data.snapshots} />}
      {i.dimensions.includes('district') && <ByDistrictCard indicator={i} />}
      {i.dimensions.includes('chain') && <ByChainCard indicator={i} />}
      {i.drillable && <RowsCard indicator={i} />}
      {editing !== undefined && <ValueModal indicator={i} editing={editing} onClose={() => setEditing(undefined)} onSaved={() => { setEditing(undefined); reload(); }} />}
    </Space>
  );
}
