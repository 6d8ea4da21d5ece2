// One mountain–sea agreement: its document and commitments, city and district side allocated /
// paid / uncommitted, its county projects, and per paying fund the county's use of the fund's cap.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Progress, Result, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType,
} from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { AGREEMENT_STATUS_COLOR, countyLabel } from './AgreementsPage';
import { useFundsMessages, wan, yuan, type FundsT } from './messages';
import { COUNTIES, type AgreementDetail, type AgreementSide } from './types';

export default function AgreementDetailPage() {
  const { id = '' } = useParams();
  const { t: tt } = useI18n();
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  usePageTitle('nav.funds');
  const q = useApiGet<AgreementDetail>(`/api/funds/agreements/${id}`, {}, id);
  const a = q.data;
  useBreadcrumbTrail(a ? [{ title: t('ag.title'), path: '/funds/agreements' }, { title: a.code }] : [{ title: t('ag.title'), path: '/funds/agreements' }]);
  const [adding, setAdding] = useState(false);

  async function setStatus(status: string) {
    try {
      await api.post(`/api/funds/agreements/${id}/status`, { status });
      message.success(t('form.saved'));
      q.reload();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  if (q.error && !a) return <Result status="warning" title={t('ag.notFound')} subTitle={q.error} />;
  if (!a) return <Card loading />;

  const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
  const side = (label: string, s: AgreementSide, testId: string) => (
    <Card size="small" title={label} data-testid={testId}>
      <Row gutter={12}>
        {(['committedFen', 'allocatedFen', 'paidFen', 'pendingFen', 'uncommittedFen'] as const).map((k) => (
          <Col key={k} xs={12} md={8} style={{ marginBottom: 8 }}>
            <Statistic title={`${t(`ag.side.${k}` as 'ag.side.paidFen')}（${t('unit.yuan')}）`} value={yuan(s[k], locale)} valueStyle={{ fontSize: 15, color: k === 'uncommittedFen' && s[k] < 0 ? '#cf1322' : undefined }} />
          </Col>
        ))}
      </Row>
      <Progress
        percent={share(s.allocatedFen, s.committedFen)} success={{ percent: share(s.paidFen, s.committedFen) }} format={() => ''}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ag.progressLegend', { allocated: share(s.allocatedFen, s.committedFen).toFixed(1), paid: share(s.paidFen, s.committedFen).toFixed(1) })}</Typography.Text>
    </Card>
  );

  const projectColumns: TableColumnsType<AgreementDetail['projectList'][number]> = [
    {
      key: 'name', title: t('alloc.recipient'), width: 300,
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <span>{p.name}</span>
          <Space size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.ref}</Typography.Text>
            {p.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
          </Space>
        </Space>
      ),
    },
    { key: 'county', title: t('ag.county'), render: (_, p) => countyLabel(t, p.county) },
    { key: 'investment', title: t('ag.investment'), align: 'right', render: (_, p) => (p.investmentFen === null ? '—' : yuan(p.investmentFen, locale)) },
    { key: 'allocated', title: t('alloc.allocated'), align: 'right', render: (_, p) => yuan(p.allocatedFen, locale) },
    { key: 'paid', title: t('alloc.paid'), align: 'right', render: (_, p) => yuan(p.paidFen, locale) },
    { key: 'pending', title: t('alloc.pending'), align: 'right', render: (_, p) => (p.pendingFen ? <Typography.Text type="warning">{yuan(p.pendingFen, locale)}</Typography.Text> : '—') },
    { key: 'status', title: t('alloc.status'), render: (_, p) => <Tag color={p.status === 'open' ? 'green' : 'default'}>{t(`alloc.${p.status}`)}</Tag> },
  ];
  const fundColumns: TableColumnsType<AgreementDetail['funds'][number]> = [
    { key: 'fund', title: t('col.fund'), render: (_, f) => <Link to={`/funds/${f.fundId}`}>{locale === 'en-US' && f.nameEn ? f.nameEn : f.name}</Link> },
    { key: 'level', title: t('col.level'), render: (_, f) => t(`level.${f.sourceLevel}` as 'level.city') },
    { key: 'county', title: t('ag.county'), render: (_, f) => countyLabel(t, f.county) },
    { key: 'allocated', title: t('ag.fundAllocated'), align: 'right', render: (_, f) => yuan(f.allocatedFen, locale) },
    { key: 'paid', title: t('alloc.paid'), align: 'right', render: (_, f) => yuan(f.paidFen, locale) },
    { key: 'cap', title: t('detail.rulesCapCounty'), align: 'right', render: (_, f) => (f.capPerCountyFen === null ? t('detail.any') : yuan(f.capPerCountyFen, locale)) },
    { key: 'countyAllocated', title: t('ag.countyAllocated'), align: 'right', render: (_, f) => (f.countyAllocatedFen === null ? '—' : yuan(f.countyAllocatedFen, locale)) },
    { key: 'headroom', title: t('ag.headroom'), align: 'right', render: (_, f) => (f.countyHeadroomFen === null ? '—' : yuan(f.countyHeadroomFen, locale)) },
  ];
  const chartRows = a.projectList;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
          <Space direction="vertical" size={2}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="agreement-title">{a.title}</Typography.Title>
            <Space size={4} wrap>
              <Tag>{a.code}</Tag>
              <Tag>{t('ag.pairing')}</Tag>
              <Tag color={AGREEMENT_STATUS_COLOR[a.status]}>{t(`ag.status.${a.status}` as 'ag.status.active')}</Tag>
              {a.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
              {a.source?.docNo && <Tag color="blue">{t('sourceTag', { doc: a.source.docNo })}</Tag>}
            </Space>
          </Space>
          {admin && (
            <Space>
              {a.status === 'active' && <Button type="primary" onClick={() => setAdding(true)} data-testid="agreement-add-project">{t('ag.addProject')}</Button>}
              <Select
                value={a.status} style={{ width: 140 }} onChange={setStatus} data-testid="agreement-status"
                options={(['active', 'completed', 'terminated'] as const).map((s) => ({ value: s, label: t(`ag.status.${s}`) }))}
              />
            </Space>
          )}
        </div>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('ag.xiamenSide')}>{a.district ? districtLabel(tt, a.district) : t('ag.xiamenCity')}</Descriptions.Item>
          <Descriptions.Item label={t('ag.county')}>{countyLabel(t, a.county)}</Descriptions.Item>
          <Descriptions.Item label={t('ag.docNo')}>{a.docNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ag.signedOn')}>{a.signedOn}</Descriptions.Item>
          <Descriptions.Item label={t('ag.period')}>{a.periodFrom} – {a.periodTo}</Descriptions.Item>
          <Descriptions.Item label={t('ag.projects')}>{a.projects}</Descriptions.Item>
          {a.note && <Descriptions.Item label={t('form.memo')} span={3}>{a.note}</Descriptions.Item>}
          {a.source && <Descriptions.Item label={t('detail.source')} span={3}>{[a.source.title, a.source.docNo, a.source.date].filter(Boolean).join('；')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>{side(t('ag.citySide'), a.city, 'agreement-city')}</Col>
        <Col xs={24} lg={12}>{side(t('ag.districtSideTitle'), a.districtSide, 'agreement-district')}</Col>
      </Row>
      <Card size="small" title={t('ag.projectList')}>
        <Table rowKey="id" size="small" columns={projectColumns} dataSource={a.projectList} pagination={false} scroll={{ x: 1000 }} data-testid="agreement-projects" locale={{ emptyText: t('ag.noProjects') }} />
        {chartRows.length > 0 && (
          <EChart
            title={t('ag.projectChart')} unit={t('list.chartUnit')} testId="agreement-project-chart" height={260}
            labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
            option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 64, right: 16, top: 32, bottom: 32 },
              xAxis: { type: 'category', data: chartRows.map((p) => p.ref) }, yAxis: { type: 'value' },
              series: [
                { name: t('alloc.allocated'), type: 'bar', data: chartRows.map((p) => wan(p.allocatedFen)) },
                { name: t('alloc.paid'), type: 'bar', data: chartRows.map((p) => wan(p.paidFen)) },
              ],
            }}
            table={{
              columns: [{ key: 'r', title: t('alloc.recipient') }, { key: 'a', title: t('alloc.allocated'), align: 'right' }, { key: 'p', title: t('alloc.paid'), align: 'right' }],
              rows: chartRows.map((p) => ({ r: p.name, a: wan(p.allocatedFen).toLocaleString(locale), p: wan(p.paidFen).toLocaleString(locale) })),
            }}
          />
        )}
      </Card>
      <Card size="small" title={t('ag.fundsTitle')}>
        <Typography.Paragraph type="secondary">{t('ag.fundsNote')}</Typography.Paragraph>
        <Table rowKey={(f) => `${f.fundId}:${f.county}`} size="small" columns={fundColumns} dataSource={a.funds} pagination={false} scroll={{ x: 1000 }} data-testid="agreement-funds" />
      </Card>
      <LoadError error={q.error} onRetry={q.reload} />
      {adding && <ProjectDialog agreement={a} t={t} onClose={() => setAdding(false)} onDone={() => { setAdding(false); q.reload(); }} />}
    </Space>
  );
}

interface ProjectForm { ref: string; name: string; county?: string; investment?: number; operator?: string }

function ProjectDialog({ agreement, t, onClose, onDone }: { agreement: AgreementDetail; t: FundsT; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('form.required') }];

  async function submit(v: ProjectForm) {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/funds/agreements/${agreement.id}/projects`, {
        ref: v.ref, name: v.name, county: v.county || undefined, investmentFen: v.investment ? Math.round(v.investment * 100) : undefined, operator: v.operator || undefined,
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
    <Modal open title={t('ag.addProject')} onCancel={onClose} onOk={() => form.submit()} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'project-dialog-ok' }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ county: agreement.county ?? undefined }}>
        <Form.Item name="ref" label={t('ag.projectRef')} rules={required}><Input maxLength={80} /></Form.Item>
        <Form.Item name="name" label={t('ag.projectName')} rules={required}><Input maxLength={200} /></Form.Item>
        <Form.Item name="county" label={t('ag.county')} rules={required}>
          <Select disabled={!!agreement.county} options={COUNTIES.map((c) => ({ value: c, label: t(`county.${c}` as 'county.xinluo') }))} />
        </Form.Item>
        <Form.Item name="investment" label={t('ag.investmentYuan')}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="operator" label={t('ag.operator')}><Input maxLength={200} /></Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
