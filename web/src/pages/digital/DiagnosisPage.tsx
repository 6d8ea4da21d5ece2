// One diagnosis. A draft is the questionnaire: answers save as a draft and resume later; submit
// fixes the result. A submitted diagnosis shows its score per dimension on a radar chart, its
// level (marked when the level rule is a platform parameter) and recommended solutions.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Col, Descriptions, InputNumber, List, Popconfirm, Radio, Row, Select, Space, Spin, Statistic, Tag, Tooltip, Typography,
} from 'antd';
import { api, ApiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { formatDateTime } from '../../format';
import { bi, useDigitalMessages, wan } from './messages';
import type { Diagnosis, Item, Questionnaire, Recommendations } from './types';

type Answers = Record<string, number | string>;

function LevelTag({ d, q }: { d: Diagnosis; q: Questionnaire }) {
  const { t, locale } = useDigitalMessages();
  const rule = d.result?.levelRule ?? q.levelRule;
  return rule.official
    ? <Tooltip title={bi(rule.basis, locale)}><Tag color="blue">{t('level.official')}</Tag></Tooltip>
    : <Tooltip title={t('level.paramHint', { basis: bi(rule.basis, locale) })}><Tag color="orange" data-testid="level-param">{t('level.param')}</Tag></Tooltip>;
}

function ItemControl({ item, value, onChange }: { item: Item; value: number | string | undefined; onChange: (v: number | string | undefined) => void }) {
  const { locale } = useDigitalMessages();
  if (item.type === 'percent' || item.type === 'score') {
    return (
      <InputNumber
        value={value as number | undefined} onChange={(v) => onChange(v ?? undefined)} style={{ width: 160 }}
        addonAfter={item.type === 'percent' ? '%' : undefined} data-testid={`item-${item.key}`}
      />
    );
  }
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} data-testid={`item-${item.key}`}>
      <Space direction="vertical" size={2}>
        {item.options!.map((o) => <Radio key={o.key} value={o.key}>{bi(o, locale)}</Radio>)}
      </Space>
    </Radio.Group>
  );
}

export default function DiagnosisPage() {
  const { id = '' } = useParams();
  const { t, locale } = useDigitalMessages();
  const { message } = App.useApp();
  const navigate = useNavigate();
  usePageTitle('nav.digital');
  useBreadcrumbTrail([{ title: t('tab.diagnoses'), path: '/digital/diagnoses' }, { title: t('r.title') }]);
  const [d, setD] = useState<Diagnosis | null>(null);
  const [q, setQ] = useState<Questionnaire | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [scenarios, setScenarios] = useState<Record<string, number>>({});
  const [recs, setRecs] = useState<Recommendations | null>(null);
  const [error, setError] = useState<{ detail: string; paths: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = (x: Diagnosis) => {
    setD(x);
    setAnswers(x.answers);
    setScenarios(x.scenarioLevels);
  };
  useEffect(() => {
    api.get<Diagnosis>(`/api/digital/diagnoses/${id}`).then(apply).catch((e: unknown) => setError({ detail: e instanceof ApiError ? e.detail : String(e), paths: [] }));
  }, [id]);
  useEffect(() => {
    if (d) api.get<Questionnaire>(`/api/digital/questionnaires/${d.version}`).then(setQ).catch(() => undefined);
  }, [d?.version]);
  useEffect(() => {
    if (d?.status === 'submitted') api.get<Recommendations>(`/api/digital/diagnoses/${id}/recommendations`).then(setRecs).catch(() => undefined);
  }, [d?.status, id]);

  const fail = (e: unknown) => setError(e instanceof ApiError ? { detail: e.detail, paths: e.fieldErrors.map((f) => f.path) } : { detail: String(e), paths: [] });
  const changed = useMemo(() => {
    if (!d) return {};
    return Object.fromEntries(Object.entries(answers).filter(([k, v]) => v !== undefined && v !== null && d.answers[k] !== v));
  }, [answers, d]);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      apply(await api.patch<Diagnosis>(`/api/digital/diagnoses/${id}`, { answers: changed, scenarioLevels: scenarios }));
      message.success(t('q.saved'));
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    if (!(await save())) return;
    setBusy(true);
    try {
      apply(await api.post<Diagnosis>(`/api/digital/diagnoses/${id}/submit`));
      message.success(t('q.submitted'));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const migrate = async (to: string) => {
    try {
      const x = await api.post<Diagnosis>(`/api/digital/diagnoses/${id}/migrate`, { to });
      apply(x);
      message.success(t('q.migrated', { n: x.migrations.at(-1)?.dropped.length ?? 0 }));
    } catch (e) {
      fail(e);
    }
  };

  if (!d || !q) return error ? <Alert type="error" showIcon message={error.detail} /> : <Spin />;
  const itemCount = q.dimensions.reduce((s, x) => s + x.items.length, 0);
  const answered = Object.values(answers).filter((v) => v !== undefined && v !== null && v !== '').length;
  const header = (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
      <Descriptions.Item label={t('diag.uscc')}><Typography.Text style={{ fontFamily: 'monospace' }} copyable>{d.org.uscc}</Typography.Text> {d.org.name}</Descriptions.Item>
      <Descriptions.Item label={t('diag.version')}>{bi(d.versionTitle, locale)}（{q.docNo}）</Descriptions.Item>
      <Descriptions.Item label={t('col.mode')}>{d.mode === 'self' ? t('mode.self') : `${t('mode.assessor')}：${d.assessorOrg} / ${d.assessorName}`}</Descriptions.Item>
      <Descriptions.Item label={t('q.fiscalYear')}>{d.fiscalYear}</Descriptions.Item>
      <Descriptions.Item label={t('col.status')}><Tag color={d.status === 'submitted' ? 'green' : 'gold'}>{t(`status.${d.status}`)}</Tag>{d.synthetic && <Tag>{t('dash.synthetic')}</Tag>}</Descriptions.Item>
      {d.submittedAt && <Descriptions.Item label={t('r.submittedAt')}>{formatDateTime(d.submittedAt)}</Descriptions.Item>}
    </Descriptions>
  );

  if (d.status === 'submitted' && d.result) {
    const r = d.result;
    const labels = { showTable: t('chart.table'), hideTable: t('chart.hideTable'), png: t('chart.png') };
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>{t('r.title')}</Typography.Title>
        {header}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic title={t('r.total')} value={r.total} suffix="/ 100" />
              <Statistic title={<span>{t('r.level')} <LevelTag d={d} q={q} /></span>} value={t('level.n', { n: r.level })} valueStyle={{ color: '#1558d6' }} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('r.factNote', { year: d.fiscalYear })}</Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} md={16}>
            <Card size="small" data-testid="digital-radar">
              <EChart
                title={t('r.radar')} unit={t('r.radarUnit')} labels={labels} height={300} fileName={`radar-${d.org.uscc}`}
                option={{
                  tooltip: {},
                  radar: { indicator: r.dimensions.map((x) => ({ name: `${bi(x, locale)}\n${x.score}/${x.max}`, max: 100 })), radius: '62%' },
                  series: [{ type: 'radar', data: [{ value: r.dimensions.map((x) => Math.round(x.ratio * 1000) / 10), name: t('r.ratio'), areaStyle: { opacity: 0.25 } }] }],
                }}
                table={{
                  columns: [{ key: 'dim', title: t('r.dimension') }, { key: 'score', title: t('r.score'), align: 'right' }, { key: 'max', title: t('r.max'), align: 'right' }, { key: 'ratio', title: t('r.ratio'), align: 'right' }],
                  rows: r.dimensions.map((x) => ({ dim: bi(x, locale), score: x.score, max: x.max, ratio: `${(x.ratio * 100).toFixed(1)}%` })),
                }}
              />
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('r.recommendations')} data-testid="digital-recommendations">
          {recs && (
            <Typography.Paragraph type="secondary">
              {t('r.weak', { dims: recs.weakDimensions.map((x) => bi(x, locale)).join('、') || '—', scenarios: recs.weakScenarios.map((x) => bi(x, locale)).join('、') || '—' })}
            </Typography.Paragraph>
          )}
          <List
            dataSource={recs?.items ?? []} locale={{ emptyText: t('r.noRecs') }}
            renderItem={(x) => (
              <List.Item extra={<span>{t('r.price')}：{wan(x.solution.priceMinFen)}–{wan(x.solution.priceMaxFen)} · {t(`dep.${x.solution.deployment}`)}</span>}>
                <List.Item.Meta
                  title={<span>{x.solution.name} <Typography.Text type="secondary">{x.solution.providerName}</Typography.Text></span>}
                  description={<ul style={{ margin: 0, paddingLeft: 18 }}>{x.reasons.map((why, i) => <li key={i}>{bi(why, locale)}</li>)}</ul>}
                />
              </List.Item>
            )}
          />
        </Card>
      </Space>
    );
  }

  const retiredTo = q.successor ?? '2024-manufacturing';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ marginBottom: 0 }}>{bi(q.title, locale)}</Typography.Title>
      {header}
      {d.versionRetired && (
        <Alert type="warning" showIcon message={t('q.retired', { version: d.version, to: retiredTo })} action={<Button onClick={() => migrate(retiredTo)}>{t('q.migrate', { to: retiredTo })}</Button>} />
      )}
      <Alert type="info" showIcon message={<span>{t('q.notes')}：{bi(q.notes, locale)} <LevelTag d={d} q={q} /></span>} description={bi(q.levelRule.basis, locale)} />
      {error && <Alert type="error" showIcon message={error.detail} data-testid="digital-error" />}
      {q.dimensions.map((dim) => (
        <Card key={dim.key} size="small" title={`${bi(dim, locale)}（${t('q.points', { n: dim.max })}）`}>
          {dim.items.map((item) => {
            const bad = error?.paths.includes(`answers.${item.key}`);
            return (
              <Row key={item.key} gutter={16} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Col xs={24} md={10}>
                  <Typography.Text strong type={bad ? 'danger' : undefined}>{bi(item, locale)}</Typography.Text>{' '}
                  <Tag>{t('q.points', { n: item.points })}</Tag>
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{bi(item.group, locale)}{item.hint ? ` · ${bi(item.hint, locale)}` : ''}</Typography.Text></div>
                </Col>
                <Col xs={24} md={14}><ItemControl item={item} value={answers[item.key]} onChange={(v) => setAnswers((a) => ({ ...a, [item.key]: v as never }))} /></Col>
              </Row>
            );
          })}
        </Card>
      ))}
      {q.scenarios.length > 0 && (
        <Card size="small" title={t('q.scenarios')}>
          <Row gutter={[16, 8]}>
            {q.scenarios.map((s) => (
              <Col key={s.key} xs={24} sm={12} md={8}>
                <Space>
                  <span style={{ display: 'inline-block', width: 110 }}>{bi(s, locale)}</span>
                  <Select
                    allowClear style={{ width: 90 }} value={scenarios[s.key]} placeholder="—"
                    onChange={(v) => setScenarios((x) => { const n = { ...x }; if (v) n[s.key] = v; else delete n[s.key]; return n; })}
                    options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('level.n', { n }) }))}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.kind === 'binding' ? t('q.scenarioBinding') : t('q.scenarioGuiding')}</Typography.Text>
                </Space>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
        <Space wrap>
          <Button onClick={save} loading={busy} data-testid="digital-save">{t('q.save')}</Button>
          <Popconfirm title={t('q.submitConfirm', { year: d.fiscalYear })} onConfirm={submit} okText={t('q.submit')}>
            <Button type="primary" loading={busy} data-testid="digital-submit">{t('q.submit')}</Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('q.answered', { n: answered, total: itemCount })}</Typography.Text>
          {d.result && <Typography.Text>{t('q.preview', { total: d.result.total, level: d.result.level })}</Typography.Text>}
          <Button type="link" onClick={() => navigate('/digital/diagnoses')}>{t('tab.diagnoses')}</Button>
        </Space>
      </Card>
    </Space>
  );
}
