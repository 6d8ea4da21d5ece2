// 技术合同与飞地: yearly statistics of registered technology contracts, the contracts themselves
// (staff; the bureau registers them), and the innovation enclaves with their projects beside the
// letter's figure of projects landed.
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useAuth } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { Link } from 'react-router-dom';
import { EnclaveForms, type EnclaveDialog } from './EnclaveForms';
import type { Contract } from './types';
import { SvgChart } from '../../components/SvgChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { named, useMarketMessages, wan } from './messages';

interface YearStat { year: number; count: number; valueFen: number; syntheticCount: number; byType: Record<string, { count: number; valueFen: number }> }
interface ContestEntry { callId: string; callCode: string; callTitle: string; applicationId?: string; title?: string; orgName?: string; status?: string }
interface Project { id: string; name: string; field: string; stage: string; contestRef: string | null; contestEntry: ContestEntry | null; synthetic: boolean }
interface Enclave { id: string; name: string; location: string; synthetic: boolean; projects: Project[] }
interface Letter { zh: string; en: string; value: number; unit: string; period: string; source: string }

export default function ContractsPage() {
  const { t, locale } = useMarketMessages();
  usePageTitle('nav.market');
  const stats = useApiGet<{ years: YearStat[] }>('/api/market/contracts/stats', {}, 'stats');
  const enclaves = useApiGet<{ items: Enclave[]; landed: number; letter: Letter }>('/api/market/enclaves', {}, 'enclaves');
  const years = stats.data?.years ?? [];
  const { user } = useAuth();
  const staff = user?.role === 'bureau_admin' || user?.role === 'district_officer';
  const [linking, setLinking] = useState<Project | null>(null);
  const [enclaveDialog, setEnclaveDialog] = useState<EnclaveDialog>(null);
  const letter = enclaves.data?.letter;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('contracts.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('contracts.subtitle')}</Typography.Text>
      </Card>
      <LoadError error={stats.error} onRetry={stats.reload} />
      <Card>
        {years.length > 0 && (
          <SvgChart
            title={t('contracts.chart')} unit={locale === 'zh-CN' ? '单位：万元' : 'Unit: ¥10k'} categories={years.map((y) => String(y.year))}
            series={[{ name: t('contracts.value'), type: 'bar', values: years.map((y) => y.valueFen / 1_000_000), color: '#1558d6' }]}
            labels={{ showTable: locale === 'zh-CN' ? '查看数据表' : 'Show table', hideTable: locale === 'zh-CN' ? '收起数据表' : 'Hide table', category: t('contracts.year') }} testId="contracts-chart"
          />
        )}
        <Table<YearStat>
          data-testid="contracts-table" rowKey="year" dataSource={years} pagination={false} loading={stats.loading} style={{ marginTop: 16 }}
          columns={[
            { title: t('contracts.year'), dataIndex: 'year', render: (v: number, y) => <span>{locale === 'zh-CN' ? `${v}年度` : `FY${v}`}{y.syntheticCount > 0 && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('contracts.count'), dataIndex: 'count', align: 'right' },
            { title: t('contracts.value'), dataIndex: 'valueFen', align: 'right', render: (v: number) => wan(v) },
            { title: t('contracts.byType'), render: (_v, y) => Object.entries(y.byType).map(([k, s]) => <Tag key={k}>{t(`type.${k}` as never)} {s.count}</Tag>) },
          ]}
        />
      </Card>
      {staff && <ContractList admin={user?.role === 'bureau_admin'} years={years.map((y) => y.year)} onChange={stats.reload} />}
      <Card title={t('enclaves.title')} extra={user?.role === 'bureau_admin' && (
        <Space>
          <Button onClick={() => setEnclaveDialog({ kind: 'enclave' })} data-testid="enclave-new">{t('enclaves.new')}</Button>
          <Button type="primary" disabled={!enclaves.data?.items.length} onClick={() => setEnclaveDialog({ kind: 'project', enclaves: enclaves.data?.items ?? [] })} data-testid="enclave-project-new">{t('enclaves.newProject')}</Button>
        </Space>
      )}>
        {letter && (
          <Typography.Paragraph>
            <Tooltip title={letter.source}><Typography.Text underline data-testid="enclave-letter">{t('enclaves.letter', { label: named(letter, locale), value: letter.value, unit: letter.unit, period: letter.period })}</Typography.Text></Tooltip>
            <br />{t('enclaves.platform', { n: enclaves.data?.landed ?? 0 })}
          </Typography.Paragraph>
        )}
        <Table<Project & { enclave: string }>
          rowKey="id" size="small" pagination={false} loading={enclaves.loading}
          dataSource={(enclaves.data?.items ?? []).flatMap((e) => e.projects.map((p) => ({ ...p, enclave: `${e.name}（${e.location}）` })))}
          columns={[
            { title: t('enclaves.title'), dataIndex: 'enclave', width: 260 },
            { title: t('enclaves.project'), dataIndex: 'name', render: (v: string, p) => <span>{v}{p.synthetic && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('field'), dataIndex: 'field', render: (v: string) => t(`fieldName.${v}` as never) },
            { title: t('enclaves.stage'), dataIndex: 'stage', render: (v: string) => <Tag color={v === 'landed' ? 'green' : undefined}>{t(`stage.${v}` as never)}</Tag> },
            {
              title: t('enclaves.contest'), dataIndex: 'contestRef',
              render: (v: string | null, p) => (p.contestEntry ? (
                <div data-testid="enclave-contest">
                  <Tag color="gold">{p.contestEntry.callTitle}</Tag>
                  {p.contestEntry.applicationId && <div><Link to={`/programmes/applications/${p.contestEntry.applicationId}`}>{p.contestEntry.title}</Link><Typography.Text type="secondary">（{p.contestEntry.orgName}）</Typography.Text></div>}
                </div>
              ) : (v ?? '—')),
            },
            ...(user?.role === 'bureau_admin' ? [{
              title: '', width: 200, render: (_v: unknown, p: Project) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setEnclaveDialog({ kind: 'stage', project: p })} data-testid="enclave-stage">{t('enclaves.moveOnShort')}</Button>
                  <Button size="small" type="link" onClick={() => setLinking(p)} data-testid="enclave-link">{t('contest.link')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
        {enclaveDialog && <EnclaveForms dialog={enclaveDialog} onClose={() => setEnclaveDialog(null)} onSaved={() => { setEnclaveDialog(null); enclaves.reload(); }} />}
        {linking && <ContestLinkDialog project={linking} onClose={() => setLinking(null)} onSaved={() => { setLinking(null); enclaves.reload(); }} />}
      </Card>
    </Space>
  );
}

const TYPES = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
interface ContractValues { contractNo: string; type: string; title: string; valueWan: number; sellerUscc: string; buyerUscc: string; signedOn: dayjs.Dayjs }

/** The registered contracts (a district officer: those with a party in its district); the bureau registers new ones. */
function ContractList({ admin, years, onChange }: { admin: boolean; years: number[]; onChange: () => void }) {
  const { t } = useMarketMessages();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useApiGet<Contract[]>('/api/market/contracts', { year }, String(year ?? 'all'));
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ContractValues>();
  const save = async (v: ContractValues) => {
    setSaving(true);
    try {
      await api.post('/api/market/contracts', {
        contractNo: v.contractNo.trim(), type: v.type, title: v.title, registeredValueFen: Math.round(v.valueWan * 1_000_000),
        sellerUscc: v.sellerUscc.trim().toUpperCase(), buyerUscc: v.buyerUscc.trim().toUpperCase(), signedOn: v.signedOn.format('YYYY-MM-DD'),
      });
      message.success(t('contracts.registered'));
      setOpen(false);
      form.resetFields();
      list.reload();
      onChange();
    } catch (e) {
      if (!(e instanceof ApiError)) message.error(String(e));
      // The refusal names its party or number: put it next to that field.
      else if (e.code === 'market.party_not_registered') form.setFields([{ name: e.detail.includes(form.getFieldValue('buyerUscc')?.trim().toUpperCase() ?? '@') ? 'buyerUscc' : 'sellerUscc', errors: [e.detail] }]);
      else if (e.code === 'market.same_party') form.setFields([{ name: 'buyerUscc', errors: [e.detail] }]);
      else if (e.code === 'market.contract_no_taken') form.setFields([{ name: 'contractNo', errors: [e.detail] }]);
      else if (!applyFieldErrors(form, e, ['contractNo', 'type', 'title', 'sellerUscc', 'buyerUscc', 'signedOn'])) message.error(e.detail);
    } finally {
      setSaving(false);
    }
  };
  const mono = { fontFamily: 'monospace' };
  return (
    <Card
      title={t('contracts.list')}
      extra={<Space>
        <Select allowClear placeholder={t('contracts.year')} style={{ width: 140 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} />
        {admin && <Button type="primary" onClick={() => setOpen(true)} data-testid="contract-new">{t('contracts.new')}</Button>}
      </Space>}
    >
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<Contract>
        data-testid="contract-list" rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} scroll={{ x: 1200 }} pagination={{ pageSize: 10 }}
        locale={{ emptyText: t('contracts.none') }}
        columns={[
          { title: t('contracts.no'), dataIndex: 'contractNo', width: 180, fixed: 'left', render: (v: string) => <Typography.Text copyable style={mono}>{v}</Typography.Text> },
          { title: t('contracts.type'), dataIndex: 'type', width: 100, render: (v: string) => t(`type.${v}` as never) },
          { title: t('contracts.name'), dataIndex: 'title', width: 260, render: (v: string, c) => <span>{v}{c.synthetic && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
          { title: t('contracts.valueYuan'), dataIndex: 'registeredValueFen', width: 150, align: 'right', render: (v: number) => `¥${(v / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}` },
          { title: t('contracts.seller'), width: 220, render: (_v, c) => c.seller.name },
          { title: t('contracts.buyer'), width: 220, render: (_v, c) => c.buyer.name },
          { title: t('contracts.signedOn'), dataIndex: 'signedOn', width: 110 },
        ]}
      />
      <Modal open={open} title={t('contracts.new')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={saving} okText={t('contracts.register')} width={640} destroyOnHidden>
        <Form<ContractValues> form={form} layout="horizontal" labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={save} initialValues={{ type: 'development' }} data-testid="contract-form">
          <Form.Item name="contractNo" label={t('contracts.no')} rules={[{ required: true, min: 3, max: 60 }]}><Input style={mono} /></Form.Item>
          <Form.Item name="type" label={t('contracts.type')} rules={[{ required: true }]}><Select options={TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))} /></Form.Item>
          <Form.Item name="title" label={t('contracts.name')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="valueWan" label={t('contracts.value')} rules={[{ required: true }]}><InputNumber min={0.0001} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="sellerUscc" label={t('contracts.sellerUscc')} rules={[{ required: true, len: 18 }]}><Input style={mono} /></Form.Item>
          <Form.Item name="buyerUscc" label={t('contracts.buyerUscc')} rules={[{ required: true, len: 18 }]}><Input style={mono} /></Form.Item>
          <Form.Item name="signedOn" label={t('contracts.signedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The bureau links an enclave project to a submitted contest entry (or removes the link). */
function ContestLinkDialog({ project, onClose, onSaved }: { project: Project; onClose: () => void; onSaved: () => void }) {
  const { t } = useMarketMessages();
  const { message } = App.useApp();
  const entries = useApiGet<{ id: string; title: string; orgName: string; callTitle: string; status: string }[]>('/api/market/contest-entries', {}, 'entries');
  const [value, setValue] = useState<string | null>(project.contestEntry?.applicationId ?? null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await api.patch(`/api/market/enclave-projects/${project.id}`, { contestApplicationId: value });
      message.success(t('contest.saved'));
      onSaved();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('contest.linkTitle', { name: project.name })} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('contest.linkHint')}</Typography.Paragraph>
      <LoadError error={entries.error} onRetry={entries.reload} />
      <Select<string | null>
        style={{ width: '100%' }} allowClear showSearch optionFilterProp="label" loading={entries.loading} value={value} onChange={(v) => setValue(v ?? null)}
        placeholder={t('contest.pick')} notFoundContent={t('contest.noEntries')} data-testid="contest-select"
        options={(entries.data ?? []).map((e) => ({ value: e.id, label: `${e.callTitle} · ${e.title}（${e.orgName}）` }))}
      />
    </Modal>
  );
}
