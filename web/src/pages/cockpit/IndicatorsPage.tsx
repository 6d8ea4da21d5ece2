// 指标库: every indicator, reported and computed, filtered by topic and kind (in the URL); the
// bureau defines new reported indicators here.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useFigure } from './IndicatorCard';
import { useCockpitMessages } from './messages';
import { FREQUENCIES, name, shownValue, TOPICS, UNITS, unitLabel, type Indicator } from './types';

function NewIndicatorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t: m } = useCockpitMessages();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  async function save() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await api.post<Indicator>('/api/indicators', { ...values, targetValue: values.targetValue ?? null });
      message.success(m('form.saved'));
      onClose();
      navigate(`/cockpit/indicators/${created.id}`);
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={m('list.new')} onCancel={onClose} onOk={save} confirmLoading={saving} okText={m('form.save')} cancelText={m('form.cancel')} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ topic: 'enterprises', unit: '家', frequency: 'annual', published: false }}>
        <Form.Item name="id" label={m('form.id')} extra={m('form.idHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,62}$/ }]}><Input /></Form.Item>
        <Space.Compact block>
          <Form.Item name="nameZh" label={m('form.nameZh')} rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="nameEn" label={m('form.nameEn')} rules={[{ required: true }]} style={{ flex: 1, marginLeft: 8 }}><Input /></Form.Item>
        </Space.Compact>
        <Space wrap>
          <Form.Item name="topic" label={m('list.topic')}><Select style={{ width: 160 }} options={TOPICS.map((x) => ({ value: x, label: m(`topic.${x}`) }))} /></Form.Item>
          <Form.Item name="unit" label={m('list.unit')}><Select style={{ width: 100 }} options={UNITS.map((u) => ({ value: u, label: u }))} /></Form.Item>
          <Form.Item name="frequency" label={m('list.frequency')}><Select style={{ width: 140 }} options={FREQUENCIES.map((f) => ({ value: f, label: m(`freq.${f}`) }))} /></Form.Item>
          <Form.Item name="targetValue" label={m('card.target')}><InputNumber style={{ width: 140 }} /></Form.Item>
        </Space>
        <Form.Item name="owner" label={m('list.owner')}><Input /></Form.Item>
        <Form.Item name="definitionZh" label={m('form.definitionZh')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="definitionEn" label={m('form.definitionEn')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="published" label={m('form.published')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function IndicatorsPage() {
  const { t: m, locale } = useCockpitMessages();
  const figure = useFigure();
  const user = useCurrentUser();
  usePageTitle('nav.cockpit');
  const [params, setParams] = useSearchParams();
  const topic = params.get('topic') ?? '';
  const kind = params.get('kind') ?? '';
  const { data, loading, error, reload } = useApiGet<Indicator[]>('/api/indicators', { topic, kind }, params.toString());
  const [creating, setCreating] = useState(false);

  function set(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  return (
    <Card
      title={m('list.title')}
      extra={user.role === 'bureau_admin' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{m('list.new')}</Button>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder={m('list.topic')} style={{ width: 180 }} value={topic || undefined} onChange={(v) => set('topic', v)}
          options={TOPICS.map((x) => ({ value: x, label: m(`topic.${x}`) }))} data-testid="indicators-topic" />
        <Select allowClear placeholder={m('list.kind')} style={{ width: 160 }} value={kind || undefined} onChange={(v) => set('kind', v)}
          options={[{ value: 'reported', label: m('kind.reported') }, { value: 'computed', label: m('kind.computed') }]} />
      </Space>
      <LoadError error={error} onRetry={reload} />
      <Table<Indicator>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        locale={{ emptyText: m('list.empty') }}
        scroll={{ x: 1000 }}
        columns={[
          {
            key: 'name', title: m('list.name'), fixed: 'left', width: 320,
            render: (_, i) => (
              <Space direction="vertical" size={0}>
                <Link to={`/cockpit/indicators/${i.id}`}>{name(i.name, locale)}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{i.id}</Typography.Text>
              </Space>
            ),
          },
          { key: 'topic', title: m('list.topic'), width: 110, render: (_, i) => m(`topic.${i.topic}`) },
          { key: 'kind', title: m('list.kind'), width: 100, render: (_, i) => <Tag color={i.kind === 'reported' ? 'blue' : 'cyan'}>{m(`kind.${i.kind}`)}</Tag> },
          {
            key: 'latest', title: m('list.latest'), align: 'right', width: 160,
            render: (_, i) => {
              const v = shownValue(i);
              if (!v) return i.target ? <Typography.Text type="secondary">{m('card.target')} {figure(i.target.value, null)}</Typography.Text> : '—';
              const src = i.latest?.source;
              const text = `${figure(v.value, v.qualifier)} ${unitLabel(i.unit, locale)}`;
              return src ? <Tooltip title={m('card.source', { doc: [src.docNo, src.title].filter(Boolean).join(' '), date: src.date })}>{text}</Tooltip> : text;
            },
          },
          { key: 'period', title: m('list.period'), width: 120, render: (_, i) => shownValue(i)?.period ?? '—' },
          { key: 'frequency', title: m('list.frequency'), width: 110, render: (_, i) => m(`freq.${i.frequency}`) },
          { key: 'owner', title: m('list.owner'), width: 160, render: (_, i) => i.owner },
          { key: 'published', title: m('list.published'), width: 80, render: (_, i) => (i.published ? '✓' : '') },
        ]}
      />
      <NewIndicatorModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
