// 新建申报指南（科技局管理员）: a call under a programme — window, budget, maximum award,
// co-funding ratio, eligibility condition (the policies condition language), the application form,
// the review rubric, the paying fund and, for 揭榜挂帅, the challenge. POST /api/programmes/calls
// saves it as a draft; "发布" on the list (or here, after saving) publishes it.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useProgrammeMessages, type ProgrammeKey } from './messages';

const ATTACHMENT_KINDS = ['proposal', 'budget_detail', 'qualification', 'cooperation_agreement', 'other'] as const;
interface Programme { id: string; code: string; kind: string; name: string; nameEn?: string | null }
interface Fund { id: string; code: string; name: string }
interface Labelled { key?: string; zh?: string; en?: string }
interface Values {
  programmeId?: string; code?: string; title?: string; titleEn?: string; round?: string; summary?: string;
  window?: [dayjs.Dayjs, dayjs.Dayjs]; budgetYuan?: number; maxAwardYuan?: number; cofundingPct?: number; eligibility?: string;
  fields?: (Labelled & { required?: boolean; maxLength?: number })[]; categories?: Labelled[]; attachments?: string[];
  scaleMax?: number; criteria?: (Labelled & { weight?: number })[];
  reviewersPerApplication?: number; blind?: boolean; sameDistrictConflict?: boolean; panelSpread?: number; fundId?: string;
  problem?: string; goals?: string[]; bountyYuan?: number; maxSolvers?: number; milestones?: (Labelled & { dueOn?: dayjs.Dayjs; sharePct?: number })[];
}

const fen = (y: number | undefined) => Math.round((y ?? 0) * 100);
const bi = (l: Labelled) => ({ zh: (l.zh ?? '').trim(), en: (l.en ?? '').trim() || (l.zh ?? '').trim() });

export default function CallEditorPage() {
  const { t, locale } = useProgrammeMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const navigate = useNavigate();
  usePageTitle('nav.programmes');
  useBreadcrumbTrail([{ title: t('ce.title') }]);
  const [form] = Form.useForm<Values>();
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [funds, setFunds] = useState<Fund[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const programmeId = Form.useWatch('programmeId', form);
  const criteria = Form.useWatch('criteria', form) ?? [];
  const milestones = Form.useWatch('milestones', form) ?? [];
  const kind = programmes.find((p) => p.id === programmeId)?.kind;
  const challenge = kind === 'open_challenge';

  useEffect(() => {
    api.get<Programme[]>('/api/programmes').then(setProgrammes).catch(() => undefined);
    api.get<Fund[]>('/api/funds').then(setFunds).catch(() => undefined);
    form.setFieldsValue({
      window: [dayjs().startOf('minute'), dayjs().add(30, 'day').hour(17).minute(0).second(0)], cofundingPct: 0, eligibility: 'org.kind == enterprise',
      fields: [{ key: 'summary', zh: '项目简介', en: 'Summary', required: true, maxLength: 2000 }],
      categories: [{ key: 'equipment', zh: '设备费', en: 'Equipment' }, { key: 'materials', zh: '材料费', en: 'Materials' }, { key: 'labour', zh: '劳务费', en: 'Labour' }],
      attachments: ['proposal'], scaleMax: 10,
      criteria: [{ key: 'innovation', zh: '创新性', en: 'Innovation', weight: 40 }, { key: 'feasibility', zh: '可行性', en: 'Feasibility', weight: 30 }, { key: 'impact', zh: '预期效益', en: 'Impact', weight: 30 }],
      reviewersPerApplication: 3, blind: true, sameDistrictConflict: false, panelSpread: 20, maxSolvers: 2,
      milestones: [{ key: 'prototype', zh: '样机', en: 'Prototype', sharePct: 50 }, { key: 'delivery', zh: '交付', en: 'Delivery', sharePct: 50 }],
    });
  }, []);

  const weightSum = criteria.reduce((s, c) => s + (c?.weight ?? 0), 0);
  const shareSum = milestones.reduce((s, m) => s + (m?.sharePct ?? 0), 0);

  const submit = async (v: Values) => {
    setError(null);
    setSaving(true);
    try {
      const body = {
        programmeId: v.programmeId, code: v.code?.trim(), title: v.title?.trim(), titleEn: v.titleEn?.trim() || undefined, round: v.round?.trim() || undefined,
        summary: v.summary?.trim() ?? '', opensAt: v.window![0].toISOString(), closesAt: v.window![1].toISOString(),
        budgetFen: fen(v.budgetYuan), maxAwardFen: fen(v.maxAwardYuan), cofundingRatioBp: Math.round((v.cofundingPct ?? 0) * 100), eligibility: v.eligibility?.trim() ?? '',
        form: {
          fields: (v.fields ?? []).map((f) => ({ key: (f.key ?? '').trim(), label: bi(f), required: !!f.required, maxLength: f.maxLength ?? 2000 })),
          budgetCategories: (v.categories ?? []).map((c) => ({ key: (c.key ?? '').trim(), label: bi(c) })),
          requiredAttachments: v.attachments ?? [],
        },
        rubric: { scaleMax: v.scaleMax ?? 10, criteria: (v.criteria ?? []).map((c) => ({ key: (c.key ?? '').trim(), label: bi(c), weight: c.weight ?? 0 })) },
        reviewersPerApplication: v.reviewersPerApplication, blind: !!v.blind, sameDistrictConflict: !!v.sameDistrictConflict, panelSpread: v.panelSpread, fundId: v.fundId || undefined,
        challenge: challenge ? {
          problem: v.problem?.trim(), goals: v.goals ?? [], bountyFen: fen(v.bountyYuan), leadOrgId: null, maxSolvers: v.maxSolvers ?? 2,
          milestones: (v.milestones ?? []).map((m) => ({ key: (m.key ?? '').trim(), title: bi(m), dueOn: (m.dueOn ?? dayjs().add(6, 'month')).format('YYYY-MM-DD'), shareBp: Math.round((m.sharePct ?? 0) * 100) })),
        } : undefined,
      };
      const call = await api.post<{ id: string }>('/api/programmes/calls', body);
      message.success(t('ce.saved'));
      navigate(`/programmes/calls/${call.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.detail}${e.fieldErrors.length ? ` — ${e.fieldErrors.map((f) => `${f.path ?? ''} ${f.message ?? ''}`).join('；')}` : ''}` : String(e));
    } finally {
      setSaving(false);
    }
  };

  const labelled = (name: 'fields' | 'categories' | 'criteria' | 'milestones', extra: (fieldName: number) => ReactNode, addValue: Labelled & Record<string, unknown>, testId: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row gutter={8} key={f.key} data-testid={testId}>
              <Col xs={8} md={4}><Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: name === 'fields' ? /^[a-z][a-zA-Z0-9_]{0,39}$/ : /^[a-z][a-z0-9_]{0,39}$/, message: t('ce.keyHint') }]}><Input placeholder={t('ce.key')} /></Form.Item></Col>
              <Col xs={8} md={5}><Form.Item name={[f.name, 'zh']} rules={[{ required: true, message: t('ce.labelRequired') }]}><Input placeholder={t('ce.labelZh')} /></Form.Item></Col>
              <Col xs={8} md={5}><Form.Item name={[f.name, 'en']}><Input placeholder={t('ce.labelEn')} /></Form.Item></Col>
              {extra(f.name)}
              <Col flex="40px"><Button type="text" icon={<DeleteOutlined />} aria-label={t('ce.remove')} onClick={() => remove(f.name)} /></Col>
            </Row>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(addValue)}>{t('ce.add')}</Button>
        </>
      )}
    </Form.List>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('ce.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('ce.subtitle')}</Typography.Text>
      </Card>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="call-form" scrollToFirstError>
        <Card title={t('ce.basics')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}><Form.Item name="programmeId" label={t('ce.programme')} rules={[{ required: true }]}>
              <Select data-testid="ce-programme" options={programmes.map((p) => ({ value: p.id, label: `${en && p.nameEn ? p.nameEn : p.name}（${t(`kind.${p.kind}` as ProgrammeKey)}）` }))} />
            </Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="code" label={t('col.code')} extra={t('ce.codeHint')} rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{1,39}$/, message: t('ce.codeHint') }]}><Input data-testid="ce-code" /></Form.Item></Col>
            <Col xs={24} md={10}><Form.Item name="title" label={t('ce.titleZh')} rules={[{ required: true }]}><Input data-testid="ce-title" /></Form.Item></Col>
            <Col xs={24} md={10}><Form.Item name="titleEn" label={t('ce.titleEn')}><Input /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="round" label={t('ce.round')}><Input /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="window" label={t('ce.window')} extra={t('ce.windowHint')} rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="ce-window" /></Form.Item></Col>
            <Col xs={24}><Form.Item name="summary" label={t('ce.summary')}><Input.TextArea rows={2} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="budgetYuan" label={t('col.budget')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} data-testid="ce-budget" /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="maxAwardYuan" label={t('col.maxAward')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} data-testid="ce-max-award" /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="cofundingPct" label={t('ce.cofunding')} extra={t('ce.cofundingHint')}><InputNumber min={0} max={1000} addonAfter="%" style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="fundId" label={t('ce.fund')} extra={t('ce.fundHint')}><Select allowClear options={funds.map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="eligibility" label={t('col.eligibility')} extra={t('ce.eligibilityHint')}><Input.TextArea rows={2} style={{ fontFamily: 'monospace' }} data-testid="ce-eligibility" /></Form.Item></Col>
          </Row>
        </Card>
        <Card title={t('ce.form')} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('ce.fields')}</Typography.Text>
          {labelled('fields', (n) => (
            <>
              <Col xs={12} md={4}><Form.Item name={[n, 'maxLength']}><InputNumber min={1} max={20000} placeholder={t('ce.maxLength')} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={12} md={3}><Form.Item name={[n, 'required']} valuePropName="checked"><Checkbox>{t('ce.required')}</Checkbox></Form.Item></Col>
            </>
          ), { required: false, maxLength: 2000 }, 'ce-field')}
          <div style={{ marginTop: 16 }}><Typography.Text strong>{t('ce.categories')}</Typography.Text></div>
          {labelled('categories', () => null, {}, 'ce-category')}
          <Form.Item name="attachments" label={t('ce.attachments')} style={{ marginTop: 16 }}>
            <Checkbox.Group options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`att.${k}` as ProgrammeKey) }))} />
          </Form.Item>
        </Card>
        <Card title={t('ce.rubric')} style={{ marginBottom: 16 }} extra={<Typography.Text type={weightSum === 100 ? 'success' : 'danger'} data-testid="ce-weight-sum">{t('ce.weightSum', { sum: weightSum })}</Typography.Text>}>
          <Row gutter={12}>
            <Col xs={12} md={6}><Form.Item name="scaleMax" label={t('ce.scaleMax')}><InputNumber min={1} max={100} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="reviewersPerApplication" label={t('ce.reviewers')}><InputNumber min={1} max={9} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="panelSpread" label={t('ce.panelSpread')}><InputNumber min={1} max={100} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={3}><Form.Item name="blind" label={t('ce.blind')} valuePropName="checked"><Switch /></Form.Item></Col>
            <Col xs={12} md={3}><Form.Item name="sameDistrictConflict" label={t('ce.sameDistrict')} valuePropName="checked"><Switch /></Form.Item></Col>
          </Row>
          {labelled('criteria', (n) => <Col xs={12} md={4}><Form.Item name={[n, 'weight']} rules={[{ required: true }]}><InputNumber min={1} max={100} addonAfter={t('ce.weight')} style={{ width: '100%' }} /></Form.Item></Col>, { weight: 10 }, 'ce-criterion')}
        </Card>
        {challenge && (
          <Card title={t('ce.challenge')} style={{ marginBottom: 16 }} extra={<Typography.Text type={shareSum === 100 ? 'success' : 'danger'}>{t('ce.shareSum', { sum: shareSum })}</Typography.Text>}>
            <Row gutter={12}>
              <Col xs={24}><Form.Item name="problem" label={t('challenge.problem')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="goals" label={t('challenge.goals')} rules={[{ required: true }]}><Select mode="tags" /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="bountyYuan" label={t('challenge.bounty')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="maxSolvers" label={t('ce.maxSolvers')}><InputNumber min={1} max={10} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
            <Typography.Text strong>{t('challenge.milestones')}</Typography.Text>
            {labelled('milestones', (n) => (
              <>
                <Col xs={12} md={4}><Form.Item name={[n, 'dueOn']} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
                <Col xs={12} md={3}><Form.Item name={[n, 'sharePct']} rules={[{ required: true }]}><InputNumber min={0.01} max={100} addonAfter="%" style={{ width: '100%' }} /></Form.Item></Col>
              </>
            ), { sharePct: 0 }, 'ce-milestone')}
          </Card>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="ce-error" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="ce-save">{t('ce.save')}</Button>
          <Link to="/programmes"><Button>{t('back')}</Button></Link>
        </Space>
      </Form>
    </Space>
  );
}
