// 模拟测算 (what-if): starts from the organisation's current facts, lets the user change the
// numbers of the latest years (money in 万元, converted to fen as the facts editor does) and the
// expert inputs, and evaluates them with POST /api/rules/evaluate. Nothing is saved.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Divider, Drawer, Empty, InputNumber, Row, Space, Switch, Tabs, Typography } from 'antd';
import { ArrowRightOutlined, ExperimentOutlined, UndoOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { FACT_GROUPS, factDef, NUMERIC_FACT_KEYS, NUMERIC_FACTS, type FactDef, type NumericFactKey } from './facts';
import { factLabel, fromDisplayNumber, toDisplayNumber } from './format';
import { factsDocOf, formatPoints, pick, tierName, type Assessment, type ExpertInput, type RulesetResult } from './health';
import { VerdictTag } from './VerdictTag';
import { useHealthMessages } from './healthMessages';
import { useRegistryMessages } from './messages';
import type { Org, Qualification, YearFacts } from './types';

/** The facts most criteria read; the rest appear with "显示全部指标". */
const KEY_FACTS: readonly NumericFactKey[] = [
  'revenue', 'mainBusinessRevenue', 'otherBusinessRevenue', 'totalIncome', 'nonTaxableIncome', 'highTechRevenue',
  'totalAssets', 'totalLiabilities', 'rdExpense', 'rdExpenseDomestic', 'employees', 'stStaff', 'rdStaff',
  'achievementsConverted', 'inventionPatents', 'utilityModels', 'softwareCopyrights', 'marketSharePct',
];
const YEARS_SHOWN = 3;

/** The expert-input catalogue (GET /api/rules/expert-inputs): fetched once per page load. */
let expertCatalogue: Promise<ExpertInput[]> | null = null;
function loadExpertInputs(): Promise<ExpertInput[]> {
  expertCatalogue ??= api.get<ExpertInput[]>('/api/rules/expert-inputs').catch((caught: unknown) => {
    expertCatalogue = null;
    throw caught;
  });
  return expertCatalogue;
}

type YearDraft = Partial<Record<NumericFactKey, number | null>>;
type Draft = Record<number, YearDraft>;

function displayOf(def: FactDef, value: number | boolean | null | undefined): number | null {
  return typeof value === 'number' ? toDisplayNumber(def, value) : null;
}

function initialDraft(years: YearFacts[]): Draft {
  const latest = [...years].sort((a, b) => b.fiscalYear - a.fiscalYear).slice(0, YEARS_SHOWN);
  return Object.fromEntries(
    latest.map((y) => [y.fiscalYear, Object.fromEntries(NUMERIC_FACT_KEYS.map((key) => [key, displayOf(factDef(key)!, y.facts[key])]))]),
  );
}

function ResultCompare({ before, after }: { before: RulesetResult | undefined; after: RulesetResult }) {
  const { t: h, locale } = useHealthMessages();
  const changed = after.criteria.filter((c) => {
    const old = before?.criteria.find((o) => o.id === c.id);
    return !old || old.verdict !== c.verdict || formatPoints(old.points, h) !== formatPoints(c.points, h);
  });
  const verdictChanged = before?.verdict !== after.verdict;
  return (
    <Card
      size="small"
      data-testid={`whatif-tier-${after.ruleset}`}
      style={verdictChanged ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}
      title={tierName(after, locale)}
    >
      <Row gutter={8} align="middle" wrap={false}>
        <Col flex="1">
          <Typography.Text type="secondary">{h('wi.current')}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <Space size={6} wrap>
              {before ? <VerdictTag verdict={before.verdict} /> : '—'}
              {before?.score && <Typography.Text type="secondary">{formatPoints(before.score, h)}</Typography.Text>}
            </Space>
          </div>
        </Col>
        <Col flex="none">
          <ArrowRightOutlined style={{ color: verdictChanged ? '#1677ff' : '#bfbfbf' }} />
        </Col>
        <Col flex="1">
          <Typography.Text type="secondary">{h('wi.simulated')}</Typography.Text>
          <div style={{ marginTop: 4 }} data-testid={`whatif-after-${after.ruleset}`}>
            <Space size={6} wrap>
              <VerdictTag verdict={after.verdict} />
              {after.score && <Typography.Text type="secondary">{formatPoints(after.score, h)}</Typography.Text>}
            </Space>
          </div>
        </Col>
      </Row>
      <Divider style={{ margin: '10px 0' }} />
      {changed.length === 0 ? (
        <Typography.Text type="secondary">{h('wi.noChanges')}</Typography.Text>
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid={`whatif-changes-${after.ruleset}`}>
          <Typography.Text type="secondary">{h('wi.changes')}</Typography.Text>
          {changed.map((c) => {
            const old = before?.criteria.find((o) => o.id === c.id);
            return (
              <div key={c.id}>
                <Space size={6} wrap>
                  <span className="lc-mono">{c.id}</span>
                  {old ? <VerdictTag verdict={old.verdict} /> : '—'}
                  <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
                  <VerdictTag verdict={c.verdict} />
                  {c.points && <Typography.Text type="secondary">{formatPoints(c.points, h)}</Typography.Text>}
                </Space>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>{pick(c.text, locale)}</div>
              </div>
            );
          })}
        </Space>
      )}
    </Card>
  );
}

/** The catalogue by ruleset, in the order the server lists them. */
function expertGroups(inputs: ExpertInput[]): { ruleset: string; inputs: ExpertInput[] }[] {
  const groups: { ruleset: string; inputs: ExpertInput[] }[] = [];
  for (const input of inputs) {
    const group = groups.find((g) => g.ruleset === input.ruleset);
    if (group) group.inputs.push(input);
    else groups.push({ ruleset: input.ruleset, inputs: [input] });
  }
  return groups;
}

export function WhatIfDrawer({
  open,
  onClose,
  org,
  years,
  qualifications,
  asOf,
  baseline,
}: {
  open: boolean;
  onClose: () => void;
  org: Org;
  years: YearFacts[];
  qualifications: Qualification[];
  asOf: string;
  baseline: Assessment | null;
}) {
  const { t: h } = useHealthMessages();
  const { t: r, locale } = useRegistryMessages();
  const [draft, setDraft] = useState<Draft>({});
  const [expert, setExpert] = useState<Record<string, number | null>>({});
  const [expertInputs, setExpertInputs] = useState<ExpertInput[] | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [activeYear, setActiveYear] = useState<string>('');
  const [result, setResult] = useState<Assessment | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const original = useMemo(() => initialDraft(years), [years]);
  const priorYear = Number(asOf.slice(0, 4)) - 1;

  function reset() {
    setDraft(original);
    setExpert({});
    setResult(null);
    setError(null);
    const first = Object.keys(original).map(Number).sort((a, b) => b - a)[0];
    setActiveYear(first ? String(first) : '');
  }

  useEffect(() => {
    if (!open || expertInputs) return;
    let cancelled = false;
    loadExpertInputs()
      .then((inputs) => {
        if (!cancelled) setExpertInputs(inputs);
      })
      .catch(() => {
        if (!cancelled) setExpertInputs([]);
      });
    return () => {
      cancelled = true;
    };
  }, [open, expertInputs]);

  useEffect(() => {
    if (open) reset();
    // Start again from the current facts each time the drawer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, original, asOf]);

  const draftYears = Object.keys(draft).map(Number).sort((a, b) => b - a);

  const changedCount = useMemo(() => {
    let count = 0;
    for (const [year, values] of Object.entries(draft)) {
      const before = original[Number(year)] ?? {};
      for (const key of NUMERIC_FACT_KEYS) if ((values[key] ?? null) !== (before[key] ?? null)) count += 1;
    }
    return count + Object.values(expert).filter((v) => v !== null && v !== undefined).length;
  }, [draft, original, expert]);

  function setValue(year: number, key: NumericFactKey, value: number | null) {
    setDraft((current) => ({ ...current, [year]: { ...current[year], [key]: value } }));
  }

  function addYear(year: number) {
    setDraft((current) => ({ ...current, [year]: {} }));
    setActiveYear(String(year));
  }

  async function run() {
    const doc = factsDocOf(org, years, qualifications);
    for (const [yearText, values] of Object.entries(draft)) {
      const fiscalYear = Number(yearText);
      let entry = doc.years.find((y) => y.fiscalYear === fiscalYear);
      if (!entry) {
        entry = { fiscalYear };
        doc.years.push(entry);
      }
      for (const key of NUMERIC_FACT_KEYS) {
        if (!(key in values)) continue;
        const value = values[key];
        if (value === null || value === undefined) delete entry[key];
        else entry[key] = fromDisplayNumber(factDef(key)!, value);
      }
    }
    doc.years.sort((a, b) => a.fiscalYear - b.fiscalYear);
    for (const [key, value] of Object.entries(expert)) if (value !== null && value !== undefined) doc.expert[key] = value;
    setRunning(true);
    setError(null);
    try {
      setResult(await api.post<Assessment>('/api/rules/evaluate', { asOf, facts: doc }));
    } catch (caught) {
      setResult(null);
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setRunning(false);
    }
  }

  const keys = showAll ? NUMERIC_FACT_KEYS : KEY_FACTS;
  const groups = FACT_GROUPS.map((group) => ({ group, keys: keys.filter((key) => NUMERIC_FACTS[key].group === group) })).filter((g) => g.keys.length);

  const yearForm = (year: number) => (
    <div>
      {groups.map(({ group, keys: groupKeys }) => (
        <div key={group}>
          <Divider orientation="left" orientationMargin={0} style={{ margin: '4px 0 8px', fontSize: 13 }}>
            {r(`group.${group}`)}
          </Divider>
          <Row gutter={12}>
            {groupKeys.map((key) => {
              const def = factDef(key)!;
              const value = draft[year]?.[key] ?? null;
              const before = original[year]?.[key] ?? null;
              const changed = value !== before;
              return (
                <Col span={12} key={key} style={{ marginBottom: 10 }}>
                  <div style={{ fontSize: 12, marginBottom: 2, color: changed ? '#1677ff' : 'rgba(0,0,0,0.65)' }}>
                    {factLabel(def, locale, r)}
                    {changed && ' *'}
                  </div>
                  <InputNumber<number>
                    size="small"
                    style={{ width: '100%' }}
                    value={value}
                    placeholder={r('facts.unknown')}
                    min={def.unit === 'level' ? 1 : 0}
                    max={def.unit === 'level' ? 4 : def.unit === 'bp' ? 100 : undefined}
                    precision={def.unit === 'fen' || def.unit === 'bp' ? undefined : 0}
                    onChange={(next) => setValue(year, key, next ?? null)}
                    data-testid={`whatif-${year}-${key}`}
                  />
                </Col>
              );
            })}
          </Row>
        </div>
      ))}
    </div>
  );

  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={h('wi.title')}
      width={Math.min(1240, typeof window === 'undefined' ? 1240 : window.innerWidth - 80)}
      destroyOnHidden
      extra={
        <Space>
          <Typography.Text type="secondary">{h('wi.changedCount', { count: changedCount })}</Typography.Text>
          <Button icon={<UndoOutlined />} onClick={reset}>
            {h('wi.reset')}
          </Button>
          <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={run} data-testid="whatif-run">
            {h('wi.run')}
          </Button>
        </Space>
      }
      data-testid="whatif-drawer"
    >
      <Alert type="warning" showIcon message={h('wi.notSaved')} style={{ marginBottom: 12 }} data-testid="whatif-not-saved" />
      <Row gutter={20}>
        <Col span={13}>
          <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Text strong>{h('wi.yearData')}</Typography.Text>
            <Space size={12} wrap>
              <Typography.Text type="secondary">{h('wi.asOf', { asOf })}</Typography.Text>
              <Typography.Text type="secondary">{h('wi.moneyNote')}</Typography.Text>
              <span>
                <Switch size="small" checked={showAll} onChange={setShowAll} /> {h('wi.showAll')}
              </span>
            </Space>
          </Space>
          {draftYears.length === 0 && <Alert type="info" message={h('wi.noYears')} style={{ marginBottom: 8 }} />}
          {!draftYears.includes(priorYear) && (
            <Button size="small" style={{ marginBottom: 8 }} onClick={() => addYear(priorYear)} data-testid="whatif-add-year">
              {h('wi.addYear', { year: priorYear })}
            </Button>
          )}
          {draftYears.length > 0 && (
            <Tabs
              size="small"
              activeKey={activeYear || String(draftYears[0])}
              onChange={setActiveYear}
              items={draftYears.map((year) => ({ key: String(year), label: r('fiscalYear', { year }), children: yearForm(year) }))}
              data-testid="whatif-years"
            />
          )}
          <Divider orientation="left" orientationMargin={0} style={{ margin: '8px 0' }}>
            {h('wi.expert')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {h('wi.expertHint')}
          </Typography.Paragraph>
          {!expertInputs ? (
            <Typography.Text type="secondary">{h('wi.expertLoading')}</Typography.Text>
          ) : (
            expertGroups(expertInputs).map(({ ruleset, inputs }) => (
              <div key={ruleset} style={{ marginBottom: 8 }} data-testid={`whatif-expert-group-${ruleset}`}>
                <div style={{ fontSize: 12, fontWeight: 500, marginBottom: 4 }}>
                  {tierName(baseline?.results.find((x) => x.ruleset === ruleset), locale, ruleset)}
                </div>
                {inputs.map((input) => (
                  <div key={input.key} style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
                    <span style={{ flex: 1, fontSize: 12 }}>
                      {pick(input.label, locale)}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        (
                        {input.kind === 'yesNo'
                          ? h('wi.expertYesNo')
                          : input.kind === 'score'
                            ? h('wi.expertRange', { min: input.min, max: input.max })
                            : h('wi.expertYears')}
                        {input.hint ? `; ${pick(input.hint, locale)}` : ''})
                      </Typography.Text>
                    </span>
                    <InputNumber<number>
                      size="small"
                      style={{ width: 110 }}
                      min={input.min}
                      max={input.max}
                      step={input.step}
                      precision={0}
                      value={expert[input.key] ?? null}
                      placeholder={r('facts.unknown')}
                      onChange={(next) => setExpert((current) => ({ ...current, [input.key]: next ?? null }))}
                      data-testid={`whatif-expert-${input.key}`}
                    />
                  </div>
                ))}
              </div>
            ))
          )}
        </Col>
        <Col span={11}>
          <div data-testid="whatif-result">
            <Typography.Text strong>{h('wi.result')}</Typography.Text>
            {error && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 8 }}
                message={h('wi.failed')}
                description={
                  <div>
                    <div>{error.message}</div>
                    {fieldErrors.map((fe, index) => (
                      <div key={index}>{fe.message}</div>
                    ))}
                  </div>
                }
              />
            )}
            {!result ? (
              !error && <Empty style={{ marginTop: 24 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={h('wi.resultHint')} />
            ) : (
              <Space direction="vertical" size={10} style={{ width: '100%', marginTop: 8 }}>
                {result.results.map((after) => (
                  <ResultCompare key={after.ruleset} after={after} before={baseline?.results.find((b) => b.ruleset === after.ruleset)} />
                ))}
              </Space>
            )}
          </div>
        </Col>
      </Row>
    </Drawer>
  );
}
