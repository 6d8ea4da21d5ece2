// The key chains (cards with counts, "3 / 22 mapped") and the 4+4+6 industry system with its
// unverified flags; the bureau edits industries (versioned) and adds chains.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useChainsMessages } from './messages';
import type { ChainSummary, Industry } from './types';

const split = (s: string | undefined) => (s ?? '').split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);

export default function ChainsHome({ tab = 'chains' }: { tab?: 'chains' | 'industries' }) {
  const { t: c } = useChainsMessages();
  usePageTitle('nav.chains');
  const navigate = useNavigate();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>{c('title')}</Typography.Title>
        <Typography.Text type="secondary">{c('subtitle')}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'chains' ? '/chains' : '/chains/industries')}
        items={[
          { key: 'chains', label: c('tab.chains'), children: <ChainList /> },
          { key: 'industries', label: c('tab.industries'), children: <IndustryTable /> },
        ]}
      />
    </Space>
  );
}

function ChainList() {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  const { data, error, loading, reload } = useApiGet<{ planned: number; items: ChainSummary[] }>('/api/chains', {}, '');
  const industries = useApiGet<Industry[]>('/api/industries', {}, '');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const navigate = useNavigate();

  async function create() {
    const v = await form.validateFields();
    try {
      const chain = await api.post<{ id: string }>('/api/chains', { id: v.id, zh: v.zh, en: v.en, industryId: v.industryId ?? null });
      message.success(c('chains.created'));
      setCreating(false);
      navigate(`/chains/${chain.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  }

  if (loading && !data) return <Skeleton active />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <LoadError error={error} onRetry={reload} />
      <Alert type="info" showIcon message={c('draftNote')} />
      {data && (
        <Card size="small">
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Tooltip title={c('chains.plannedHint', { planned: data.planned })}>
              <Typography.Text strong data-testid="chains-planned">{c('chains.planned', { n: data.items.length, planned: data.planned })}</Typography.Text>
            </Tooltip>
            {admin && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{c('chains.new')}</Button>}
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {data?.items.map((ch) => (
          <Col xs={24} md={12} xl={8} key={ch.id}>
            <Card
              title={en ? ch.en : ch.zh}
              extra={<Tag color={ch.origin === 'reference' ? 'gold' : 'blue'}>{c(ch.origin === 'reference' ? 'chains.reference' : 'chains.staff')}</Tag>}
              actions={[<Link key="open" to={`/chains/${ch.id}`} data-testid={`chain-open-${ch.id}`}>{c('chains.open')} <RightOutlined /></Link>]}
              data-testid={`chain-card-${ch.id}`}
            >
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ minHeight: 66 }}>{en ? ch.description.en : ch.description.zh}</Typography.Paragraph>
              <Row>
                <Col span={8}><Statistic title={c('chains.links')} value={ch.links} /></Col>
                <Col span={8}><Statistic title={c('chains.orgs')} value={ch.organisations} /></Col>
                <Col span={8}><Statistic title={c('chains.targets')} value={ch.targets} /></Col>
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
      <Modal open={creating} title={c('chains.new')} onOk={create} onCancel={() => setCreating(false)} okText={c('save')} cancelText={c('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="id" label={c('chains.newId')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,40}$/ }]}><Input placeholder="integrated_circuits" /></Form.Item>
          <Form.Item name="zh" label={c('chains.newZh')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="en" label={c('chains.newEn')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="industryId" label={c('chains.newIndustry')}>
            <Select allowClear options={industries.data?.map((i) => ({ value: i.id, label: en ? i.en : i.zh }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function IndustryTable() {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  const { data, error, loading, reload } = useApiGet<Industry[]>('/api/industries', {}, '');
  const [editing, setEditing] = useState<Industry | null>(null);
  const [form] = Form.useForm();

  async function save(patch: Record<string, unknown>, row: Industry) {
    try {
      const r = await api.patch<Industry>(`/api/industries/${row.id}`, { version: row.version, ...patch });
      message.success(c('ind.saved', { v: r.version }));
      setEditing(null);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  }

  return (
    <Card>
      <LoadError error={error} onRetry={reload} />
      <Table<Industry>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 1400 }}
        data-testid="industry-table"
        columns={[
          { key: 'tier', title: c('ind.tier'), width: 130, fixed: 'left', render: (_, r) => <Tag color={r.tier === 'pillar' ? 'blue' : r.tier === 'emerging' ? 'purple' : 'cyan'}>{c(`tier.${r.tier}`)}</Tag> },
          { key: 'name', title: c('ind.name'), width: 170, render: (_, r) => <Space direction="vertical" size={0}><Typography.Text strong>{en ? r.en : r.zh}</Typography.Text>{!en && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.en}</Typography.Text>}</Space> },
          {
            key: 'status', title: c('ind.status'), width: 110,
            render: (_, r) => (
              <Tooltip title={r.sourceNote}>
                {r.verified ? <Tag color="green" icon={<CheckCircleOutlined />}>{c('ind.verified')}</Tag> : <Tag color="orange" data-testid={`unverified-${r.id}`}>{c('ind.unverified')}</Tag>}
              </Tooltip>
            ),
          },
          { key: 'codes', title: c('ind.codes'), width: 400, render: (_, r) => <Space size={[4, 4]} wrap>{r.codeNames.map((x) => <Tooltip key={x.code} title={x.zh}><Tag style={{ fontFamily: 'monospace' }}>{x.code}</Tag></Tooltip>)}</Space> },
          { key: 'keywords', title: c('ind.keywords'), width: 220, render: (_, r) => r.keywords.join('、') },
          { key: 'chains', title: c('ind.chains'), width: 150, render: (_, r) => <Space direction="vertical" size={0}>{r.chains.map((ch) => <Link key={ch.id} to={`/chains/${ch.id}`}>{en ? ch.en : ch.zh}</Link>)}</Space> },
          { key: 'version', title: c('ind.version'), width: 70, render: (_, r) => `v${r.version}` },
          ...(admin ? [{
            key: 'actions', title: '', width: 170, fixed: 'right' as const,
            render: (_: unknown, r: Industry) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => { setEditing(r); form.setFieldsValue({ zh: r.zh, en: r.en, codes: r.codes.join(', '), keywords: r.keywords.join('、'), sourceNote: r.sourceNote }); }}>{c('ind.edit')}</Button>
                {!r.verified && <Button size="small" type="primary" ghost onClick={() => save({ verified: true }, r)} data-testid={`confirm-${r.id}`}>{c('ind.confirm')}</Button>}
              </Space>
            ),
          }] : []),
        ]}
      />
      <Modal open={!!editing} title={editing ? `${c('ind.edit')}：${editing.zh}` : ''} okText={c('save')} cancelText={c('cancel')} onCancel={() => setEditing(null)} destroyOnHidden
        onOk={async () => { const v = await form.validateFields(); if (editing) await save({ zh: v.zh, en: v.en, codes: split(v.codes), keywords: split(v.keywords), sourceNote: v.sourceNote ?? '' }, editing); }}>
        <Form form={form} layout="vertical">
          <Form.Item name="zh" label={c('chains.newZh')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="en" label={c('chains.newEn')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="codes" label={c('ind.codes')} extra={c('link.listHint')}><Input.TextArea autoSize /></Form.Item>
          <Form.Item name="keywords" label={c('ind.keywords')} extra={c('link.listHint')}><Input.TextArea autoSize /></Form.Item>
          <Form.Item name="sourceNote" label={c('ind.source')}><Input.TextArea autoSize /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
