// 政策事项编辑（科技局管理员）: author a benefit item or a new version of one in the condition
// language. Every change is checked live by POST /api/benefits/:code/validate (nothing saved):
// each problem is shown at its exact part of the condition, the test cases pass or fail, and a
// version is published only with three or more passing cases (the server enforces it too).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Checkbox, Col, ConfigProvider, DatePicker, Empty, Form, Input, InputNumber, List, Popconfirm, Row, Select, Space, Spin, Tag, Tooltip, Typography,
} from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { hasPolicyKey, usePolicyMessages, yuan, type PolicyKey } from './messages';
import type { Bilingual, PolicyDetail, PolicyListItem } from './types';

interface Variable { name: string; type: string; group: string; label: Bilingual; values?: string[] }
interface TestCase { name: string; vars: Record<string, number | boolean | string | null>; expected: number | null }
type Formula = Record<string, unknown> & { kind: string };
interface Version {
  versionNo: number; status: 'draft' | 'published'; effectiveFrom: string; effectiveTo: string | null; condition: string; formula: Formula;
  period: 'once' | 'yearly'; budget: number | null; exampleAmounts: boolean; testCases: TestCase[];
}
interface Benefit { code: string; kind: 'national' | 'authored'; name: Bilingual; topic: string; howToApply: Bilingual; policy: { id: string; slug: string; title: string }; clause: { no: string }; published: boolean; versions: Version[] }
interface Problem { path: string; code: string; start?: number; end?: number; part?: string; message: string }
interface Report { ok: boolean; problems: Problem[]; cases: { name: string; passed: boolean; actual: number | null; expected: number | null; message: string }[] }

interface CaseRow { name?: string; vars?: string; expectedYuan?: number | null; notEligible?: boolean }
interface Values {
  code?: string; policyId?: string; clauseNo?: string; nameZh?: string; nameEn?: string; topic?: string; howZh?: string; howEn?: string;
  effectiveFrom?: dayjs.Dayjs; effectiveTo?: dayjs.Dayjs | null; condition?: string; period?: 'once' | 'yearly'; budgetYuan?: number | null; exampleAmounts?: boolean;
  fKind?: string; fAmountYuan?: number | null; fBase?: string; fRatePct?: number | null; fPerYuan?: number | null; fCapYuan?: number | null; fJson?: string;
  cases?: CaseRow[];
}

const fen = (yuanValue: number | null | undefined) => (yuanValue === null || yuanValue === undefined ? undefined : Math.round(yuanValue * 100));
const UNIT: Record<string, number> = { '亿': 1e10, '亿元': 1e10, '万元': 1e6, '万': 1e6, '元': 100 };

/** "fy.revenue = 3000万元" lines → the vars of a test case (money in fen, ratios from %). */
export function parseVars(text: string): { vars: TestCase['vars']; bad: string[] } {
  const vars: TestCase['vars'] = {};
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z_][\w.]*)\s*[=:：]\s*(.+)$/.exec(line);
    if (!m) { bad.push(line); continue; }
    const v = m[2].trim().replace(/^["'“]|["'”]$/g, '');
    const num = /^(-?\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元|%)?$/.exec(v.replace(/,/g, ''));
    if (v === 'true' || v === 'false') vars[m[1]] = v === 'true';
    else if (v === 'null') vars[m[1]] = null;
    else if (num) vars[m[1]] = num[2] === '%' ? Number(num[1]) / 100 : num[2] ? Math.round(Number(num[1]) * UNIT[num[2]]) : Number(num[1]);
    else vars[m[1]] = v;
  }
  return { vars, bad };
}

function showVars(vars: TestCase['vars'], types: Map<string, string>): string {
  return Object.entries(vars).map(([k, v]) => {
    const type = types.get(k);
    if (typeof v === 'number' && type === 'money') return `${k} = ${v / 100}元`;
    if (typeof v === 'number' && type === 'ratio') return `${k} = ${Math.round(v * 10000) / 100}%`;
    return `${k} = ${v === null ? 'null' : String(v)}`;
  }).join('\n');
}

function formulaToValues(f: Formula): Partial<Values> {
  const cap = typeof f.cap === 'number' ? f.cap / 100 : null;
  if (f.kind === 'fixed') return { fKind: 'fixed', fAmountYuan: (f.amount as number) / 100, fCapYuan: cap };
  if (f.kind === 'rate') return { fKind: 'rate', fBase: f.base as string, fRatePct: (f.rateBp as number) / 100, fCapYuan: cap };
  if (f.kind === 'step') return { fKind: 'step', fBase: f.base as string, fPerYuan: (f.per as number) / 100, fAmountYuan: (f.amount as number) / 100, fCapYuan: cap };
  return { fKind: 'json', fJson: JSON.stringify(f, null, 2) };
}

function valuesToFormula(v: Values): Formula | string {
  const cap = fen(v.fCapYuan);
  const withCap = (f: Formula) => (cap ? { ...f, cap } : f);
  switch (v.fKind) {
    case 'fixed': return withCap({ kind: 'fixed', amount: fen(v.fAmountYuan) ?? 0 });
    case 'rate': return withCap({ kind: 'rate', base: v.fBase ?? '', rateBp: Math.round((v.fRatePct ?? 0) * 100) });
    case 'step': return withCap({ kind: 'step', base: v.fBase ?? '', per: fen(v.fPerYuan) ?? 1, amount: fen(v.fAmountYuan) ?? 0 });
    default:
      try { return JSON.parse(v.fJson ?? '') as Formula; } catch (e) { return String(e); }
  }
}

/** The condition with every located problem marked where it is. */
function MarkedCondition({ text, problems }: { text: string; problems: Problem[] }) {
  const { t } = usePolicyMessages();
  const located = problems.filter((p) => p.path === 'condition' && typeof p.start === 'number' && p.start >= 0).sort((a, b) => a.start! - b.start!);
  if (!located.length) return null;
  const p = located[0];
  const start = Math.min(p.start!, text.length);
  const end = Math.max(start, Math.min(p.end ?? start, text.length));
  return (
    <div data-testid="condition-marked" style={{ marginTop: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('be.problemAt', { from: start + 1, to: Math.max(end, start + 1) })}</Typography.Text>
      <pre style={{ whiteSpace: 'pre-wrap', background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, margin: '4px 0', fontFamily: 'monospace' }}>
        {text.slice(0, start)}
        <mark data-testid="problem-mark" style={{ background: '#ffccc7', borderBottom: '2px solid #cf1322', padding: 0 }}>{end > start ? text.slice(start, end) : '␣'}</mark>
        {text.slice(end)}
      </pre>
      <Typography.Text type="danger" data-testid="problem-mark-message">{p.message}</Typography.Text>
    </div>
  );
}

export default function BenefitEditorPage() {
  const { code: routeCode } = useParams();
  const isNew = !routeCode;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { t, locale } = usePolicyMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  usePageTitle('nav.policies');
  const [form] = Form.useForm<Values>();
  const [vars, setVars] = useState<Variable[]>([]);
  const [policies, setPolicies] = useState<PolicyListItem[]>([]);
  const [clauses, setClauses] = useState<{ no: string; text: string }[]>([]);
  const [benefit, setBenefit] = useState<Benefit | null>(null);
  const [versionNo, setVersionNo] = useState<number | 'new' | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [varFilter, setVarFilter] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);
  useBreadcrumbTrail([{ title: isNew ? t('be.newTitle') : t('be.title', { code: routeCode ?? '' }) }]);

  const types = useMemo(() => new Map(vars.map((v) => [v.name, v.type])), [vars]);
  const version = benefit && typeof versionNo === 'number' ? benefit.versions.find((v) => v.versionNo === versionNo) ?? null : null;
  const readOnly = version?.status === 'published';

  useEffect(() => {
    api.get<Variable[]>('/api/benefits/variables').then(setVars).catch(() => undefined);
    if (isNew) api.get<{ items: PolicyListItem[] }>('/api/policies', { pageSize: 100 }).then((r) => setPolicies(r.items)).catch(() => undefined);
  }, [isNew]);

  // The policy's clauses for the clause picker.
  const policyId = Form.useWatch('policyId', form);
  const condition = Form.useWatch('condition', form) ?? '';
  const fKind = Form.useWatch('fKind', form) ?? 'fixed';
  useEffect(() => {
    const id = policyId ?? benefit?.policy.id;
    if (!id) return;
    api.get<PolicyDetail>(`/api/policies/${id}`).then((p) => setClauses(p.versions[0]?.clauses ?? [])).catch(() => setClauses([]));
  }, [policyId, benefit?.policy.id]);

  // New benefit: defaults, and the policy from ?policy=.
  useEffect(() => {
    if (!isNew || !vars.length) return;
    const pick = params.get('policy');
    form.setFieldsValue({
      policyId: pick && /^[0-9a-f-]{36}$/.test(pick) ? pick : undefined, topic: 'subsidy', period: 'yearly', exampleAmounts: true,
      effectiveFrom: dayjs().startOf('year'), fKind: 'fixed', condition: '', cases: [{ notEligible: false }],
    });
    setVersionNo('new');
  }, [isNew, vars.length]);

  const loadBenefit = async (pickVersion?: number) => {
    if (!routeCode) return;
    const b = await api.get<Benefit>(`/api/benefits/${routeCode}`);
    setBenefit(b);
    const want = pickVersion ?? Number(params.get('v') ?? NaN);
    const draft = b.versions.find((v) => v.status === 'draft');
    setVersionNo(b.versions.some((v) => v.versionNo === want) ? want : draft?.versionNo ?? b.versions[0]?.versionNo ?? 'new');
  };
  useEffect(() => { loadBenefit().catch((e: unknown) => setLocalError(e instanceof ApiError ? e.detail : String(e))); }, [routeCode]);

  // Fill the form from the chosen version (or, for a new version, from the latest one).
  useEffect(() => {
    if (!benefit || versionNo === null || !vars.length) return;
    const src = version ?? benefit.versions[0];
    if (!src) return;
    form.setFieldsValue({
      effectiveFrom: versionNo === 'new' ? dayjs() : dayjs(src.effectiveFrom), effectiveTo: src.effectiveTo && versionNo !== 'new' ? dayjs(src.effectiveTo) : null,
      condition: src.condition, period: src.period, budgetYuan: src.budget === null ? null : src.budget / 100, exampleAmounts: src.exampleAmounts,
      ...formulaToValues(src.formula),
      cases: src.testCases.map((c) => ({ name: c.name, vars: showVars(c.vars, types), expectedYuan: c.expected === null ? null : c.expected / 100, notEligible: c.expected === null })),
    });
    setDirty(versionNo === 'new');
    scheduleCheck(0);
  }, [benefit, versionNo, vars.length]);

  /** The draft as the API takes it, or a message for what cannot even be sent. */
  const buildDraft = (): { draft: Record<string, unknown> } | { error: string } => {
    const v = form.getFieldsValue(true) as Values;
    const formula = valuesToFormula(v);
    if (typeof formula === 'string') return { error: t('be.badJson', { error: formula }) };
    const testCases: TestCase[] = [];
    for (const [i, c] of (v.cases ?? []).entries()) {
      const parsed = parseVars(c?.vars ?? '');
      if (parsed.bad.length) return { error: t('be.badVars', { n: i + 1, line: parsed.bad[0] }) };
      testCases.push({ name: c?.name?.trim() || t('be.caseN', { n: i + 1 }), vars: parsed.vars, expected: c?.notEligible ? null : fen(c?.expectedYuan) ?? 0 });
    }
    return {
      draft: {
        effectiveFrom: (v.effectiveFrom ?? dayjs()).format('YYYY-MM-DD'), effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        condition: v.condition?.trim() || ' ', formula, period: v.period ?? 'yearly', budget: fen(v.budgetYuan) ?? null, exampleAmounts: !!v.exampleAmounts, testCases,
      },
    };
  };

  const check = async () => {
    const code = routeCode ?? (form.getFieldValue('code') as string | undefined)?.trim();
    const built = buildDraft();
    if ('error' in built) { setLocalError(built.error); setReport(null); return; }
    setLocalError(null);
    if (!code || !/^[a-z][a-z0-9_]{2,59}$/.test(code)) { setLocalError(t('be.needCode')); return; }
    if (!String(built.draft.condition).trim()) { setReport(null); return; }
    const mine = ++seq.current;
    setChecking(true);
    try {
      const r = await api.post<Report>(`/api/benefits/${code}/validate`, built.draft);
      if (mine === seq.current) setReport(r);
    } catch (e) {
      if (mine === seq.current) { setReport(null); setLocalError(e instanceof ApiError ? `${e.detail}${e.fieldErrors.length ? ` (${e.fieldErrors.map((f) => f.path ?? '').join(', ')})` : ''}` : String(e)); }
    } finally {
      if (mine === seq.current) setChecking(false);
    }
  };
  const scheduleCheck = (ms = 450) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void check(); }, ms);
  };

  const save = async () => {
    const v = form.getFieldsValue(true) as Values;
    const built = buildDraft();
    if ('error' in built) { message.error(built.error); return; }
    setSaving(true);
    try {
      if (isNew) {
        await form.validateFields(['code', 'policyId', 'clauseNo', 'nameZh', 'nameEn', 'topic', 'howZh', 'howEn']);
        const b = await api.post<Benefit>('/api/benefits', {
          code: v.code?.trim(), policyId: v.policyId, clauseNo: v.clauseNo, nameZh: v.nameZh, nameEn: v.nameEn, topic: v.topic,
          howToApply: { zh: v.howZh, en: v.howEn }, version: built.draft,
        });
        message.success(t('be.saved'));
        navigate(`/policies/benefits/${b.code}?v=1`, { replace: true });
        return;
      }
      if (versionNo === 'new') {
        const b = await api.post<Benefit>(`/api/benefits/${routeCode}/versions`, built.draft);
        message.success(t('be.saved'));
        setDirty(false);
        await loadBenefit(b.versions[0].versionNo);
      } else if (typeof versionNo === 'number') {
        await api.put<Benefit>(`/api/benefits/${routeCode}/versions/${versionNo}`, built.draft);
        message.success(t('be.saved'));
        setDirty(false);
        await loadBenefit(versionNo);
      }
    } catch (e) {
      if (e instanceof ApiError) message.error(e.detail);
      else if (!(e && typeof e === 'object' && 'errorFields' in e)) message.error(String(e));
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    if (typeof versionNo !== 'number') return;
    try {
      await api.post(`/api/benefits/${routeCode}/versions/${versionNo}/publish`);
      message.success(t('be.published'));
      await loadBenefit(versionNo);
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const insertVar = (name: string) => {
    const cur = (form.getFieldValue('condition') as string | undefined) ?? '';
    form.setFieldValue('condition', cur.trim() ? `${cur.trimEnd()} and ${name} ` : `${name} `);
    setDirty(true);
    scheduleCheck(0);
  };

  if (localError && !isNew && !benefit) return <Alert type="error" message={localError} />;
  if ((!isNew && !benefit) || !vars.length) return <Spin />;
  if (benefit?.kind === 'national') return <Alert type="info" message={t('be.national')} />;

  const problems = report?.problems ?? [];
  const caseProblems = (i: number) => problems.filter((p) => p.path === `testCases.${i}` || p.path.startsWith(`testCases.${i}.`));
  const passing = report?.cases.filter((c) => c.passed).length ?? 0;
  const canPublish = !!report?.ok && passing >= 3 && report.cases.length === passing && !dirty && typeof versionNo === 'number' && version?.status === 'draft';
  const filteredVars = vars.filter((v) => !varFilter || v.name.toLowerCase().includes(varFilter.toLowerCase()) || v.label.zh.includes(varFilter) || v.label.en.toLowerCase().includes(varFilter.toLowerCase()));
  const groups = [...new Set(filteredVars.map((v) => v.group))];
  const numericVars = vars.filter((v) => v.type === 'money');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{isNew ? t('be.newTitle') : `${en ? benefit!.name.en : benefit!.name.zh}（${routeCode}）`}</Typography.Title>
            <Typography.Text type="secondary">{t('be.subtitle')}</Typography.Text>
          </div>
          {benefit && (
            <Space wrap>
              <Link to={`/policies/${benefit.policy.slug}`}>{benefit.policy.title} · {t('detail.clauseNo', { no: benefit.clause.no })}</Link>
              <Select
                data-testid="be-version" style={{ width: 300 }} value={versionNo ?? undefined}
                onChange={(v) => setVersionNo(v)}
                options={[
                  ...benefit.versions.map((v) => ({ value: v.versionNo, label: `${t('detail.version', { n: v.versionNo })} · ${t(`be.vstatus.${v.status}` as PolicyKey)} · ${v.effectiveFrom}` })),
                  { value: 'new' as const, label: t('be.newVersion') },
                ]}
              />
            </Space>
          )}
        </Space>
      </Card>
      <Form<Values> form={form} layout="vertical" disabled={readOnly} onValuesChange={() => { setDirty(true); scheduleCheck(); }} data-testid="benefit-form">
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {isNew && (
                <Card title={t('be.identity')}>
                  <Row gutter={12}>
                    <Col xs={24} md={8}><Form.Item name="code" label={t('be.code')} extra={t('be.codeHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,59}$/, message: t('be.codeHint') }]}><Input data-testid="be-code" /></Form.Item></Col>
                    <Col xs={24} md={10}><Form.Item name="policyId" label={t('be.policy')} rules={[{ required: true }]}>
                      <Select showSearch optionFilterProp="label" data-testid="be-policy" options={policies.map((p) => ({ value: p.id, label: `${p.title}${p.status !== 'published' ? `（${t(`status.${p.status}`)}）` : ''}` }))} />
                    </Form.Item></Col>
                    <Col xs={24} md={6}><Form.Item name="clauseNo" label={t('be.clause')} rules={[{ required: true }]}>
                      <Select data-testid="be-clause" options={clauses.map((c) => ({ value: c.no, label: t('detail.clauseNo', { no: c.no }), title: c.text }))} />
                    </Form.Item></Col>
                    <Col xs={24} md={8}><Form.Item name="nameZh" label={t('be.nameZh')} rules={[{ required: true, min: 2 }]}><Input data-testid="be-name-zh" /></Form.Item></Col>
                    <Col xs={24} md={8}><Form.Item name="nameEn" label={t('be.nameEn')} rules={[{ required: true, min: 2 }]}><Input data-testid="be-name-en" /></Form.Item></Col>
                    <Col xs={24} md={8}><Form.Item name="topic" label={t('be.topic')} extra={t('be.topicHint')} rules={[{ required: true }]}><Input /></Form.Item></Col>
                    <Col xs={24} md={12}><Form.Item name="howZh" label={t('be.howZh')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="be-how-zh" /></Form.Item></Col>
                    <Col xs={24} md={12}><Form.Item name="howEn" label={t('be.howEn')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="be-how-en" /></Form.Item></Col>
                  </Row>
                </Card>
              )}
              <Card title={t('be.rule')} extra={checking ? <Spin size="small" /> : report && (report.ok ? <Tag color="green" data-testid="be-ok">{t('be.valid')}</Tag> : <Tag color="red" data-testid="be-invalid">{t('be.problems', { n: report.problems.length })}</Tag>)}>
                {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('be.readOnly')} />}
                <Row gutter={12}>
                  <Col xs={12} md={6}><Form.Item name="effectiveFrom" label={t('be.effectiveFrom')} rules={[{ required: true }]}><DatePicker allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="effectiveTo" label={t('be.effectiveTo')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="period" label={t('be.period')}><Select options={[{ value: 'yearly', label: t('be.period.yearly') }, { value: 'once', label: t('be.period.once') }]} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="budgetYuan" label={t('be.budget')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                </Row>
                <Form.Item name="condition" label={t('be.condition')} extra={t('be.conditionHint')} style={{ marginBottom: 0 }}>
                  <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} data-testid="be-condition" />
                </Form.Item>
                <MarkedCondition text={condition} problems={problems} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('be.formula')}</Typography.Title>
                <Row gutter={12}>
                  <Col xs={24} md={6}><Form.Item name="fKind" label={t('be.fKind')}>
                    <Select data-testid="be-fkind" options={['fixed', 'rate', 'step', 'json'].map((k) => ({ value: k, label: t(`be.fKind.${k}` as PolicyKey) }))} />
                  </Form.Item></Col>
                  {fKind !== 'fixed' && fKind !== 'json' && (
                    <Col xs={24} md={8}><Form.Item name="fBase" label={t('be.fBase')}><Select showSearch options={numericVars.map((v) => ({ value: v.name, label: `${v.name} · ${en ? v.label.en : v.label.zh}` }))} /></Form.Item></Col>
                  )}
                  {fKind === 'rate' && <Col xs={12} md={5}><Form.Item name="fRatePct" label={t('be.fRate')}><InputNumber min={0} addonAfter="%" style={{ width: '100%' }} /></Form.Item></Col>}
                  {fKind === 'step' && <Col xs={12} md={5}><Form.Item name="fPerYuan" label={t('be.fPer')}><InputNumber min={0.01} style={{ width: '100%' }} /></Form.Item></Col>}
                  {(fKind === 'fixed' || fKind === 'step') && <Col xs={12} md={5}><Form.Item name="fAmountYuan" label={t('be.fAmount')}><InputNumber min={0} style={{ width: '100%' }} data-testid="be-famount" /></Form.Item></Col>}
                  {fKind !== 'json' && <Col xs={12} md={5}><Form.Item name="fCapYuan" label={t('be.fCap')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>}
                  {fKind === 'json' && <Col xs={24} md={18}><Form.Item name="fJson" label={t('be.fJson')} extra={t('be.fJsonHint')}><Input.TextArea rows={5} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>}
                </Row>
                <Form.Item name="exampleAmounts" valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('be.example')}</Checkbox></Form.Item>
              </Card>
              <Card title={t('be.cases')} extra={<Typography.Text type="secondary">{t('be.casesHint')}</Typography.Text>}>
                <Form.List name="cases">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => {
                        const result = report?.cases[i];
                        return (
                          <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="be-case"
                            title={<Space>{t('be.caseN', { n: i + 1 })}{result && (result.passed
                              ? <Tag color="green" icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} data-testid="case-pass">{t('be.pass')}</Tag>
                              : <Tag color="red" icon={<CloseCircleTwoTone twoToneColor="#cf1322" />} data-testid="case-fail">{t('be.fail')}</Tag>)}</Space>}
                            extra={!readOnly && <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('be.removeCase')} onClick={() => { remove(field.name); setDirty(true); scheduleCheck(); }} />}>
                            <Row gutter={12}>
                              <Col xs={24} md={8}><Form.Item name={[field.name, 'name']} label={t('be.caseName')}><Input data-testid="case-name" /></Form.Item></Col>
                              <Col xs={12} md={8}><Form.Item name={[field.name, 'expectedYuan']} label={t('be.expected')}><InputNumber min={0} style={{ width: '100%' }} data-testid="case-expected" /></Form.Item></Col>
                              <Col xs={12} md={8}><Form.Item name={[field.name, 'notEligible']} valuePropName="checked" label=" "><Checkbox data-testid="case-not-eligible">{t('be.notEligible')}</Checkbox></Form.Item></Col>
                              <Col xs={24}><Form.Item name={[field.name, 'vars']} label={t('be.vars')} extra={t('be.varsHint')} style={{ marginBottom: 4 }}><Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} data-testid="case-vars" /></Form.Item></Col>
                            </Row>
                            {result && !result.passed && <Typography.Text type="danger">{result.message}</Typography.Text>}
                            {result?.passed && <Typography.Text type="secondary">{t('be.actual', { amount: result.actual === null ? t('calc.not_eligible') : yuan(result.actual) })}</Typography.Text>}
                            {caseProblems(i).filter((p) => p.code !== 'test_failed').map((p) => <div key={p.path + p.code}><Typography.Text type="danger">{p.message}</Typography.Text></div>)}
                          </Card>
                        );
                      })}
                      {!readOnly && <Button icon={<PlusOutlined />} onClick={() => { add({ notEligible: false }); setDirty(true); }} data-testid="be-add-case">{t('be.addCase')}</Button>}
                    </>
                  )}
                </Form.List>
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card title={t('be.check')} data-testid="be-report">
                {localError && <Alert type="error" showIcon message={localError} style={{ marginBottom: 8 }} data-testid="be-local-error" />}
                {!report && !localError && <Typography.Text type="secondary">{t('be.checkHint')}</Typography.Text>}
                {report && (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {report.problems.length === 0 ? <Alert type="success" showIcon message={t('be.noProblems')} /> : (
                      <List size="small" dataSource={report.problems} data-testid="be-problems" renderItem={(p) => (
                        <List.Item>
                          <Space direction="vertical" size={0}>
                            <Space size={4}><Tag>{p.path.startsWith('testCases') ? t('be.caseN', { n: Number(p.path.split('.')[1]) + 1 }) : (hasPolicyKey(`be.path.${p.path}`) ? t(`be.path.${p.path}` as PolicyKey) : p.path)}</Tag>{p.part && <Typography.Text code>{p.part}</Typography.Text>}</Space>
                            <Typography.Text type="danger">{p.message}</Typography.Text>
                          </Space>
                        </List.Item>
                      )} />
                    )}
                    <Typography.Text data-testid="be-case-summary">{t('be.caseSummary', { passed: passing, total: report.cases.length || (form.getFieldValue('cases') as unknown[] | undefined)?.length || 0 })}</Typography.Text>
                  </Space>
                )}
                <Space style={{ marginTop: 12 }} wrap>
                  {!readOnly && <Button type="primary" onClick={save} loading={saving} disabled={!dirty} data-testid="be-save">{isNew || versionNo === 'new' ? t('be.saveDraft') : t('be.saveChanges')}</Button>}
                  {!isNew && version?.status === 'draft' && (
                    <Tooltip title={canPublish ? '' : t('be.publishNeeds')}>
                      <Popconfirm title={t('be.publishConfirm')} onConfirm={publish} disabled={!canPublish}>
                        <Button disabled={!canPublish} data-testid="be-publish">{t('be.publish')}</Button>
                      </Popconfirm>
                    </Tooltip>
                  )}
                  {version?.status === 'published' && <ConfigProvider componentDisabled={false}><Link to="/policies/calculator"><Button data-testid="be-calculator">{t('calc.title')}</Button></Link></ConfigProvider>}
                </Space>
                {!isNew && version?.status === 'draft' && !canPublish && <div style={{ marginTop: 8 }}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('be.publishNeeds')}</Typography.Text></div>}
              </Card>
              <Card title={t('be.variables')} data-testid="be-variables">
                <Input.Search allowClear placeholder={t('be.varSearch')} value={varFilter} onChange={(e) => setVarFilter(e.target.value)} style={{ marginBottom: 8 }} />
                <div style={{ maxHeight: 520, overflow: 'auto' }}>
                  {groups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
                  {groups.map((g) => (
                    <div key={g} style={{ marginBottom: 8 }}>
                      <Typography.Text strong>{(hasPolicyKey(`be.group.${g}`) ? t(`be.group.${g}` as PolicyKey) : g)}</Typography.Text>
                      {filteredVars.filter((v) => v.group === g).slice(0, 60).map((v) => (
                        <div key={v.name} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '2px 0' }}>
                          <Tooltip title={v.values ? v.values.join(' / ') : (hasPolicyKey(`be.type.${v.type}`) ? t(`be.type.${v.type}` as PolicyKey) : v.type)}>
                            <Typography.Link onClick={() => !readOnly && insertVar(v.name)} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="be-var">{v.name}</Typography.Link>
                          </Tooltip>
                          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 180 }}>{en ? v.label.en : v.label.zh}</Typography.Text>
                        </div>
                      ))}
                    </div>
                  ))}
                </div>
              </Card>
            </Space>
          </Col>
        </Row>
      </Form>
    </Space>
  );
}
