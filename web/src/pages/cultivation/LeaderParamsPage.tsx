// 科技领军企业参数: the S&T leader tier is city-defined, so its numbers are versions the bureau
// sets. Every version is listed with its period; the built-in example values are marked as
// examples. The bureau adds a version from today or a later date; versions are never edited.
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { applyNestedFieldErrors } from '../../components/fieldErrors';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useCultivationMessages } from './messages';
import { formatCount, type LeaderVersion } from './types';

const FEN_PER_WAN = 1_000_000;

interface FormValues {
  effectiveFrom: dayjs.Dayjs;
  revenueWan: number;
  rdWan: number;
  intensityPct: number;
  patents: number;
  requireHnte: boolean;
  requireRdInstitution: boolean;
  docNo?: string;
  article?: string;
  note?: string;
}

export default function LeaderParamsPage() {
  const { t } = useI18n();
  const { t: c } = useCultivationMessages();
  const { message } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  usePageTitle('nav.cultivation');
  useBreadcrumbTrail([{ title: c('params.title') }]);
  const { data, loading, error, reload } = useApiGet<LeaderVersion[]>('/api/rules/params/tech_leader', {}, '');
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const today = dayjs().format('YYYY-MM-DD');
  // A stored version not in force yet can be withdrawn (a mistake caught before its date).
  async function withdraw(v: LeaderVersion) {
    try {
      await api.delete(`/api/rules/params/tech_leader/${v.effectiveFrom}`);
      message.success(c('params.withdrawn', { date: v.effectiveFrom }));
      reload();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  const wan = (fen: number) => c('params.wan', { n: formatCount(Math.round(fen / 100) / 10_000) });

  function openForm() {
    const latest = data?.at(-1)?.params;
    form.setFieldsValue({
      effectiveFrom: dayjs().add(1, 'day'),
      revenueWan: latest ? latest.minRevenue / FEN_PER_WAN : undefined,
      rdWan: latest ? latest.minRdExpense / FEN_PER_WAN : undefined,
      intensityPct: latest ? latest.minRdIntensityBp / 100 : undefined,
      patents: latest?.minInventionPatents,
      requireHnte: latest?.requireHnte ?? true,
      requireRdInstitution: latest?.requireRdInstitution ?? true,
    });
    setAdding(true);
  }

  async function onSave() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/api/rules/params/tech_leader', {
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        params: {
          minRevenue: Math.round(v.revenueWan * FEN_PER_WAN), minRdExpense: Math.round(v.rdWan * FEN_PER_WAN),
          minRdIntensityBp: Math.round(v.intensityPct * 100), minInventionPatents: v.patents,
          requireHnte: v.requireHnte, requireRdInstitution: v.requireRdInstitution,
        },
        docNo: v.docNo?.trim() || null, article: v.article?.trim() || null, note: v.note?.trim() || null,
      });
      message.success(c('params.saved'));
      setAdding(false);
      reload();
    } catch (caught) {
      if (caught instanceof ApiError && applyNestedFieldErrors(form, caught, ['effectiveFrom', 'docNo', 'article', 'note'])) return;
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={c('params.title')}
        extra={admin && <Button type="primary" icon={<PlusOutlined />} onClick={openForm} disabled={!data} data-testid="params-add">{c('params.add')}</Button>}
        data-testid="leader-params"
      >
        <Alert type="warning" showIcon message={c('params.basis')} style={{ marginBottom: 16 }} />
        <LoadError error={error} onRetry={reload} />
        <Table<LeaderVersion>
          rowKey="effectiveFrom"
          loading={loading}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          size="middle"
          columns={[
            {
              title: c('params.period'), key: 'period', width: 230,
              render: (_, v) => (
                <Space direction="vertical" size={2}>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v.effectiveFrom} – {v.effectiveTo ?? c('params.open')}</span>
                  <Space size={4} wrap>
                    {v.current && <Tag color="green">{c('params.current')}</Tag>}
                    {v.effectiveFrom > today && <Tag color="blue">{c('params.future')}</Tag>}
                    {!v.current && v.effectiveFrom <= today && <Tag>{c('params.past')}</Tag>}
                    {v.example && <Tag color="orange" data-testid="params-example">{c('params.example')}</Tag>}
                  </Space>
                </Space>
              ),
            },
            { title: c('params.minRevenue'), key: 'rev', align: 'right', render: (_, v) => `≥ ${wan(v.params.minRevenue)}` },
            { title: c('params.minRdExpense'), key: 'rd', align: 'right', render: (_, v) => `≥ ${wan(v.params.minRdExpense)}` },
            { title: c('params.minRdIntensity'), key: 'int', align: 'right', render: (_, v) => `≥ ${v.params.minRdIntensityBp / 100}%` },
            { title: c('params.minPatents'), key: 'pat', align: 'right', render: (_, v) => `≥ ${formatCount(v.params.minInventionPatents)}` },
            { title: c('params.requireHnte'), key: 'hnte', render: (_, v) => (v.params.requireHnte ? c('params.yes') : c('params.no')) },
            { title: c('params.requireRdInstitution'), key: 'inst', render: (_, v) => (v.params.requireRdInstitution ? c('params.yes') : c('params.no')) },
            {
              title: c('params.source'), key: 'src', width: 220,
              render: (_, v) => (v.example ? <Typography.Text type="warning">{c('params.exampleSource')}</Typography.Text> : (
                <Space direction="vertical" size={0}>
                  <span>{[v.docNo, v.article].filter(Boolean).join(' ') || c('params.noDoc')}</span>
                  {v.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.note}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c('params.by', { user: v.createdBy ?? '—', at: v.createdAt?.slice(0, 10) ?? '' })}</Typography.Text>
                  {admin && v.effectiveFrom > today && (
                    <Popconfirm title={c('params.withdrawConfirm', { date: v.effectiveFrom })} okText={c('params.withdraw')} cancelText={t('common.cancel')} onConfirm={() => withdraw(v)}>
                      <Button type="link" danger size="small" style={{ padding: 0 }} data-testid={`withdraw-${v.effectiveFrom}`}>{c('params.withdraw')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              )),
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        title={c('params.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={onSave}
        confirmLoading={saving}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        width={560}
      >
        <Alert type="info" showIcon message={c('params.addHint')} style={{ marginBottom: 16 }} />
        <Form<FormValues> form={form} layout="vertical" data-testid="params-form">
          <Form.Item name="effectiveFrom" label={c('params.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} allowClear={false} data-testid="params-date" />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item name="revenueWan" label={c('params.minRevenueWan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="params-revenue" />
            </Form.Item>
            <Form.Item name="rdWan" label={c('params.minRdExpenseWan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="intensityPct" label={c('params.minRdIntensityPct')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="patents" label={c('params.minPatents')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Space size={32}>
            <Form.Item name="requireHnte" label={c('params.requireHnte')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="requireRdInstitution" label={c('params.requireRdInstitution')} valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item name="docNo" label={c('params.docNo')}><Input maxLength={100} placeholder={c('params.docNoHint')} /></Form.Item>
          <Form.Item name="article" label={c('params.article')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="note" label={c('params.note')}><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
