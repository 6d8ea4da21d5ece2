// 山海协作协议: the Xiamen–Longyan agreements with what each committed (city and district side)
// against what the ledger has allocated and paid to its county projects; the bureau records new ones.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFundsMessages, wan, yuan, type FundsT } from './messages';
import { COUNTIES, type Agreement } from './types';

export const AGREEMENT_STATUS_COLOR = { active: 'green', completed: 'blue', terminated: 'default' } as const;

export function countyLabel(t: FundsT, county: string | null) {
  return county ? t(`county.${county}` as 'county.xinluo') : t('ag.longyanAll');
}

export default function AgreementsPage() {
  const { t: tt } = useI18n();
  const { t, locale } = useFundsMessages();
  const admin = useCurrentUser().role === 'bureau_admin';
  usePageTitle('nav.funds');
  useBreadcrumbTrail([{ title: t('ag.title') }]);
  const [county, setCounty] = useState<string | undefined>();
  const list = useApiGet<Agreement[]>('/api/funds/agreements', { county }, county ?? '');
  const [creating, setCreating] = useState(false);
  const rows = list.data ?? [];
  const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

  const columns: TableColumnsType<Agreement> = [
    {
      key: 'title', title: t('ag.agreement'), fixed: 'left', width: 320,
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Link to={`/funds/agreements/${a.id}`} data-testid={`agreement-link-${a.code}`}>{a.title}</Link>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.code}{a.docNo ? ` · ${a.docNo}` : ''}</Typography.Text>
            {a.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
            {a.source?.docNo && <Tooltip title={a.source.title}><Tag color="blue">{t('sourceTag', { doc: a.source.docNo })}</Tag></Tooltip>}
          </Space>
        </Space>
      ),
    },
    { key: 'parties', title: t('ag.parties'), width: 170, render: (_, a) => `${a.district ? districtLabel(tt, a.district) : t('ag.xiamenCity')} — ${countyLabel(t, a.county)}` },
    { key: 'period', title: t('ag.period'), width: 200, render: (_, a) => `${a.periodFrom} – ${a.periodTo}` },
    { key: 'status', title: t('ag.status'), width: 90, render: (_, a) => <Tag color={AGREEMENT_STATUS_COLOR[a.status]}>{t(`ag.status.${a.status}` as 'ag.status.active')}</Tag> },
    { key: 'projects', title: t('ag.projects'), dataIndex: 'projects', align: 'right', width: 80 },
    { key: 'cityCommitted', title: t('ag.cityCommitted'), align: 'right', width: 150, render: (_, a) => yuan(a.city.committedFen, locale) },
    { key: 'cityAllocated', title: t('ag.cityAllocated'), align: 'right', width: 150, render: (_, a) => yuan(a.city.allocatedFen, locale) },
    { key: 'districtCommitted', title: t('ag.districtCommitted'), align: 'right', width: 150, render: (_, a) => yuan(a.districtSide.committedFen, locale) },
    { key: 'districtAllocated', title: t('ag.districtAllocated'), align: 'right', width: 150, render: (_, a) => yuan(a.districtSide.allocatedFen, locale) },
    { key: 'paid', title: t('ag.paid'), align: 'right', width: 150, render: (_, a) => yuan(a.city.paidFen + a.districtSide.paidFen, locale) },
    {
      key: 'progress', title: t('ag.paidOfCommitted'), width: 150,
      render: (_, a) => <Progress size="small" percent={pct(a.city.paidFen + a.districtSide.paidFen, a.city.committedFen + a.districtSide.committedFen)} />,
    },
  ];

  const chartRows = rows.filter((a) => a.city.committedFen + a.districtSide.committedFen > 0);
  const series = [
    { name: t('ag.side.committedFen'), data: chartRows.map((a) => wan(a.city.committedFen + a.districtSide.committedFen)) },
    { name: t('ag.side.allocatedFen'), data: chartRows.map((a) => wan(a.city.allocatedFen + a.districtSide.allocatedFen)) },
    { name: t('ag.side.paidFen'), data: chartRows.map((a) => wan(a.city.paidFen + a.districtSide.paidFen)) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('ag.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('ag.subtitle')}</Typography.Text>
        </div>
        {admin && <Button type="primary" onClick={() => setCreating(true)} data-testid="agreement-new">{t('ag.new')}</Button>}
      </div>
      <LoadError error={list.error} onRetry={list.reload} />
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <span>{t('ag.county')}</span>
          <Select allowClear style={{ width: 180 }} placeholder={t('detail.any')} value={county} onChange={setCounty} options={COUNTIES.map((c) => ({ value: c, label: t(`county.${c}` as 'county.xinluo') }))} data-testid="agreement-county-filter" />
        </Space>
        <Table
          rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={rows} pagination={false} scroll={{ x: 1800 }} data-testid="agreements-table"
          locale={{ emptyText: admin ? t('ag.emptyAdmin') : t('ag.empty') }}
        />
      </Card>
      {chartRows.length > 0 && (
        <Card size="small">
          <EChart
            title={t('ag.chartTitle')} unit={t('list.chartUnit')} testId="agreements-chart" height={300}
            labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
            option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 72, right: 16, top: 32, bottom: 40 },
              xAxis: { type: 'category', data: chartRows.map((a) => countyLabel(t, a.county)) }, yAxis: { type: 'value' },
              series: series.map((s) => ({ ...s, type: 'bar' as const })),
            }}
            table={{
              columns: [{ key: 'a', title: t('ag.agreement') }, ...series.map((s, i) => ({ key: `s${i}`, title: s.name, align: 'right' as const }))],
              rows: chartRows.map((a, r) => ({ a: a.title, ...Object.fromEntries(series.map((s, i) => [`s${i}`, s.data[r].toLocaleString(locale)])) })),
            }}
          />
        </Card>
      )}
      {creating && <AgreementDialog t={t} onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
    </Space>
  );
}

interface AgreementForm {
  code: string; title: string; district?: string; county?: string; docNo?: string; signedOn: Dayjs; period: [Dayjs, Dayjs];
  committedCity?: number; committedDistrict?: number; note?: string;
}

function AgreementDialog({ t, onClose, onDone }: { t: FundsT; onClose: () => void; onDone: () => void }) {
  const { t: tt } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgreementForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('form.required') }];

  async function submit(v: AgreementForm) {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/funds/agreements', {
        code: v.code, title: v.title, district: v.district || undefined, county: v.county || undefined, docNo: v.docNo || undefined,
        signedOn: v.signedOn.format('YYYY-MM-DD'), periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'),
        committedCityFen: Math.round((v.committedCity ?? 0) * 100), committedDistrictFen: Math.round((v.committedDistrict ?? 0) * 100), note: v.note || undefined,
      });
      message.success(t('form.saved'));
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open width={640} title={t('ag.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'agreement-dialog-ok' }}>
      <Form form={form} layout="horizontal" labelCol={{ span: 7 }} onFinish={submit} data-testid="agreement-dialog">
        <Form.Item name="code" label={t('ag.code')} rules={[...required, { pattern: /^[A-Za-z0-9_-]+$/, message: t('ag.codeRule') }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="title" label={t('ag.titleField')} rules={required}><Input maxLength={300} /></Form.Item>
        <Form.Item name="docNo" label={t('ag.docNo')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="district" label={t('ag.xiamenSide')}>
          <Select allowClear placeholder={t('ag.xiamenCity')} options={['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'].map((d) => ({ value: d, label: districtLabel(tt, d) }))} />
        </Form.Item>
        <Form.Item name="county" label={t('ag.county')}>
          <Select allowClear placeholder={t('ag.longyanAll')} options={COUNTIES.map((c) => ({ value: c, label: t(`county.${c}` as 'county.xinluo') }))} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('ag.signedOn')} rules={required}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="period" label={t('ag.period')} rules={required}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="committedCity" label={t('ag.cityCommittedYuan')} initialValue={0}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="committedDistrict" label={t('ag.districtCommittedYuan')} initialValue={0}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={t('form.memo')}><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
      </Form>
      {error && <Typography.Text type="danger" data-testid="agreement-dialog-error">{error}</Typography.Text>}
    </Modal>
  );
}
