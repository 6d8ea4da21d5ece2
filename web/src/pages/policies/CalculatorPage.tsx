// 政策计算器: for one organisation and fiscal year, every benefit with its amount and why, the
// tiers within reach, and a what-if over the main figures that is computed but never stored.
// An organisation user sees its own organisation; bureau and district staff enter a USCC.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, List, Row, Select, Space, Spin, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleTwoTone } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { usePolicyMessages, wan, yuan } from './messages';
import type { BenefitResult, Calculation } from './types';

const WHAT_IF = ['revenue', 'rdExpense', 'rdExpensed', 'taxableIncome', 'totalAssets'] as const;
type Doc = { org: Record<string, unknown>; years: Record<string, unknown>[]; qualifications: Record<string, unknown>[]; expert: Record<string, number> };
const IC_INPUT = 'policies.icOrMotherMachine';

/** The facts document of a registered organisation, built from the registry's API. */
async function loadDoc(uscc: string): Promise<Doc> {
  const [org, facts, quals] = await Promise.all([
    api.get<{ kind: string; registeredOn: string | null; industryCode: string | null; district: string }>(`/api/orgs/${uscc}`),
    api.get<{ fiscalYear: number; facts: Record<string, unknown> }[]>(`/api/orgs/${uscc}/facts`),
    api.get<{ kind: string; issuedOn: string | null; expiresOn: string | null; rank: number | null; certificateNo: string | null }[]>(`/api/orgs/${uscc}/qualifications`),
  ]);
  return {
    org: { kind: org.kind, registeredOn: org.registeredOn, industryCode: org.industryCode, district: org.district },
    years: facts.map((y) => ({ fiscalYear: y.fiscalYear, ...Object.fromEntries(Object.entries(y.facts).filter(([, v]) => v !== null)) })),
    qualifications: quals.map((q) => ({ kind: q.kind, issuedOn: q.issuedOn, expiresOn: q.expiresOn, rank: q.rank, certificateNo: q.certificateNo })),
    expert: {},
  };
}

export default function CalculatorPage() {
  const { t, locale } = usePolicyMessages();
  const en = locale === 'en-US';
  usePageTitle('nav.policies');
  useBreadcrumbTrail([{ title: t('calc.title') }]);
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year') ?? thisYear - 1);
  const [uscc, setUscc] = useState(params.get('uscc') ?? '');
  const [calc, setCalc] = useState<Calculation | null>(null);
  const [doc, setDoc] = useState<Doc | null>(null);
  const [whatIf, setWhatIf] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();

  // An organisation user's own organisation.
  useEffect(() => {
    if (user.role !== 'org_user' || uscc) return;
    api.get<{ items: { uscc: string }[] }>('/api/orgs', { pageSize: 1 }).then((r) => r.items[0] && setUscc(r.items[0].uscc)).catch(() => undefined);
  }, [user.role, uscc]);

  const target = params.get('uscc') ?? (user.role === 'org_user' ? uscc : '');
  useEffect(() => {
    if (!target) return;
    setLoading(true);
    setError(null);
    setWhatIf(false);
    Promise.all([api.get<Calculation>(`/api/orgs/${target}/benefits`, { year }), loadDoc(target)])
      .then(([c, d]) => { setCalc(c); setDoc(d); })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.detail : String(e)))
      .finally(() => setLoading(false));
  }, [target, year]);

  const fy = useMemo(() => doc?.years.find((y) => y.fiscalYear === year) ?? {}, [doc, year]);
  const holdsHnte = !!doc?.qualifications.some((q) => q.kind === 'hnte' && (!q.issuedOn || String(q.issuedOn) <= `${year}-12-31`) && (!q.expiresOn || String(q.expiresOn) >= `${year}-01-01`));
  useEffect(() => {
    form.setFieldsValue({
      ...Object.fromEntries(WHAT_IF.map((k) => [k, typeof fy[k] === 'number' ? (fy[k] as number) / 100 : null])),
      employees: fy.employees ?? null, hnte: holdsHnte, ic: false,
    });
  }, [fy, holdsHnte, form]);

  const runWhatIf = async () => {
    if (!doc) return;
    const v = form.getFieldsValue();
    const years = doc.years.filter((y) => y.fiscalYear !== year);
    const edited: Record<string, unknown> = { ...fy, fiscalYear: year };
    for (const k of WHAT_IF) edited[k] = v[k] === null || v[k] === undefined ? undefined : Math.round(Number(v[k]) * 100);
    edited.employees = v.employees ?? undefined;
    const quals = doc.qualifications.filter((q) => q.kind !== 'hnte');
    if (v.hnte) quals.push({ kind: 'hnte', issuedOn: `${year}-01-01`, expiresOn: `${year + 2}-12-31` });
    const { district, ...org } = doc.org;
    setLoading(true);
    try {
      const c = await api.post<Calculation>('/api/benefits/calculate', {
        year, district, facts: { org, years: [...years, edited], qualifications: quals, expert: v.ic ? { [IC_INPUT]: 1 } : {} },
      });
      setCalc(c);
      setWhatIf(true);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setLoading(false);
    }
  };

  const columns: TableColumnsType<BenefitResult> = [
    {
      title: t('calc.benefit'), dataIndex: 'name', width: 260, fixed: 'left',
      render: (_v, b) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{en ? b.name.en : b.name.zh}</Typography.Text>
          {b.exampleAmounts && <Tag color="orange">{t('calc.example')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('calc.verdict'), dataIndex: 'verdict', width: 110,
      render: (v: BenefitResult['verdict']) => <Tag color={v === 'eligible' ? 'green' : v === 'unknown' ? 'gold' : 'default'}>{t(`calc.${v}`)}</Tag>,
    },
    { title: t('calc.amount'), dataIndex: 'amount', width: 160, align: 'right', render: (v: number | null) => <span data-testid="benefit-amount">{yuan(v)}</span> },
    {
      title: t('calc.basis'), width: 320,
      render: (_v, b) => <Typography.Text type="secondary">{b.policy.docNo ?? b.policy.title} · {t('calc.clause', { no: b.clause.no })}</Typography.Text>,
    },
  ];

  const icon = (ok: boolean | null) => ok === true ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : ok === false ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : <QuestionCircleTwoTone twoToneColor="#faad14" />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('calc.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('calc.subtitle')}</Typography.Text>
        <Form layout="inline" style={{ marginTop: 16 }} onFinish={() => { const next = new URLSearchParams(params); if (uscc) next.set('uscc', uscc.trim().toUpperCase()); next.set('year', String(year)); setParams(next); }}>
          {user.role !== 'org_user' && (
            <Form.Item label={t('calc.uscc')} htmlFor="calc-uscc"><Input id="calc-uscc" value={uscc} onChange={(e) => setUscc(e.target.value)} style={{ width: 240, fontFamily: 'monospace' }} data-testid="calc-uscc" /></Form.Item>
          )}
          <Form.Item label={t('calc.year')} htmlFor="calc-year">
            <Select id="calc-year" value={year} style={{ width: 120 }} data-testid="calc-year"
              onChange={(y) => { const next = new URLSearchParams(params); next.set('year', String(y)); if (!next.get('uscc') && target) next.set('uscc', target); setParams(next); }}
              options={[0, 1, 2, 3].map((d) => thisYear - 1 - d).map((y) => ({ value: y, label: t('calc.yearOption', { y }) }))} />
          </Form.Item>
          {user.role !== 'org_user' && <Form.Item><Button type="primary" htmlType="submit" data-testid="calc-open">{t('calc.open')}</Button></Form.Item>}
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {!target && !calc && <Card><Empty description={t('calc.pickOrg')} /></Card>}
      {loading && !calc && <Spin />}
      {calc && (
        <Row gutter={16}>
          <Col xs={24} xl={17}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {whatIf && <Alert type="warning" showIcon message={t('calc.whatIfActive')} data-testid="calc-whatif-active" />}
              <Card data-testid="calc-summary">
                <Row gutter={24}>
                  <Col span={12}><Statistic title={t('calc.total')} value={wan(calc.total)} /></Col>
                  <Col span={12}><Statistic title={t('calc.eligibleCount')} value={calc.benefits.filter((b) => b.verdict === 'eligible').length} suffix={`/ ${calc.benefits.length}`} /></Col>
                </Row>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('calc.totalNote', { year: calc.year, asOf: calc.asOf })}</Typography.Text>
              </Card>
              <Card>
                <Table<BenefitResult>
                  data-testid="calc-table" rowKey="code" columns={columns} dataSource={calc.benefits} pagination={false} loading={loading} scroll={{ x: 860 }}
                  expandable={{
                    defaultExpandedRowKeys: calc.benefits.filter((b) => b.verdict === 'eligible').slice(0, 1).map((b) => b.code),
                    expandedRowRender: (b) => (
                      <Space direction="vertical" style={{ width: '100%' }} data-testid={`calc-detail-${b.code}`}>
                        {b.formula && <div><Typography.Text strong>{t('calc.formula')}：</Typography.Text><Typography.Text>{en ? b.formula.en : b.formula.zh}</Typography.Text></div>}
                        {b.note && <Tag color="blue">{en ? b.note.en : b.note.zh}</Tag>}
                        <Typography.Text strong>{t('calc.reasons')}</Typography.Text>
                        <List size="small" dataSource={b.reasons} renderItem={(r) => <List.Item>{icon(r.ok)} <span style={{ marginLeft: 8 }}>{en ? r.text.en : r.text.zh}</span></List.Item>} />
                        {b.missing.length > 0 && <Alert type="warning" showIcon message={t('calc.missing', { fields: b.missing.join(', ') })} />}
                        {b.clause.text && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{b.policy.title} · {t('calc.clause', { no: b.clause.no })}：{b.clause.text}</Typography.Paragraph>}
                        <div><Typography.Text strong>{t('calc.howToApply')}：</Typography.Text>{en ? b.howToApply.en : b.howToApply.zh}</div>
                      </Space>
                    ),
                  }}
                />
              </Card>
              <Card title={t('calc.nearMisses')} data-testid="calc-near-misses">
                {calc.nearMisses.length === 0 ? <Typography.Text type="secondary">{t('calc.nearMissesNone')}</Typography.Text> : (
                  <List dataSource={calc.nearMisses} renderItem={(m) => (
                    <List.Item>
                      <Space direction="vertical" size={2}>
                        <Typography.Text strong>{en ? m.title.en : m.title.zh}</Typography.Text>
                        {m.gaps.map((g, i) => <Typography.Text key={i}>· {en ? g.en : g.zh}</Typography.Text>)}
                        {m.blockers.map((g, i) => <Typography.Text key={`b${i}`} type="secondary">· {en ? g.en : g.zh}</Typography.Text>)}
                      </Space>
                    </List.Item>
                  )} />
                )}
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={7}>
            <Card title={t('calc.whatIf')} data-testid="calc-whatif">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('calc.whatIfHint')}</Typography.Paragraph>
              <Form form={form} layout="vertical" size="small">
                {WHAT_IF.map((k) => (
                  <Form.Item key={k} name={k} label={`${t(`fact.${k}`)}（${t('calc.unitYuan')}）`}>
                    <InputNumber style={{ width: '100%' }} min={k === 'taxableIncome' ? undefined : 0} data-testid={`whatif-${k}`} />
                  </Form.Item>
                ))}
                <Form.Item name="employees" label={t('fact.employees')}><InputNumber style={{ width: '100%' }} min={0} data-testid="whatif-employees" /></Form.Item>
                <Form.Item name="hnte" valuePropName="checked"><Checkbox data-testid="whatif-hnte">{t('calc.hnte')}</Checkbox></Form.Item>
                <Form.Item name="ic" valuePropName="checked"><Checkbox>{t('calc.ic')}</Checkbox></Form.Item>
                <Space>
                  <Button type="primary" onClick={runWhatIf} loading={loading} data-testid="whatif-run">{t('calc.whatIfRun')}</Button>
                  <Button onClick={() => { setParams(new URLSearchParams(params)); setWhatIf(false); if (target) api.get<Calculation>(`/api/orgs/${target}/benefits`, { year }).then(setCalc); }}>{t('calc.whatIfReset')}</Button>
                </Space>
              </Form>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
