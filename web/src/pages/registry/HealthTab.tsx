// 体检 (health check): which tiers the organisation meets as of a date, criterion by criterion,
// with the legal basis on hover, and what is missing (gaps easiest first, blockers, open items).
// The evaluation date is kept in the URL (?tab=health&asOf=2025-06-01).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { ContentSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import {
  CONFIDENCE_COLOR,
  formatActual,
  formatPoints,
  formatThreshold,
  missingLabels,
  pick,
  tierName,
  type Assessment,
  type Citation,
  type CriterionResult,
  type RulesetResult,
  type TierGaps,
  type Verdict,
} from './health';
import { useHealthMessages } from './healthMessages';
import { useRegistryMessages } from './messages';
import type { Org, Qualification, YearFacts } from './types';
import { VerdictTag } from './VerdictTag';
import { WhatIfDrawer } from './WhatIfDrawer';
import { TierTimelineCard } from './TierTimelineCard';

const today = () => dayjs().format('YYYY-MM-DD');

function CitationTag({ citation }: { citation: Citation }) {
  const { t: h } = useHealthMessages();
  return (
    <Tooltip
      title={
        <div style={{ lineHeight: 1.7 }}>
          <div>{h('citationDoc', { docNo: citation.docNo })}</div>
          <div>{h('citationArticle', { article: citation.article })}</div>
          <div>{h(`conf.${citation.confidence}.hint`)}</div>
        </div>
      }
    >
      <Tag color={CONFIDENCE_COLOR[citation.confidence]} style={{ marginInlineEnd: 0, cursor: 'help' }} data-testid="citation-tag">
        {citation.confidence} {h(`conf.${citation.confidence}`)}
      </Tag>
    </Tooltip>
  );
}

function CriteriaTable({ result }: { result: RulesetResult }) {
  const { t: h, locale } = useHealthMessages();
  const columns: TableColumnsType<CriterionResult> = [
    { title: h('col.id'), dataIndex: 'id', key: 'id', width: 120, render: (id: string) => <span className="lc-mono">{id}</span> },
    { title: h('col.verdict'), dataIndex: 'verdict', key: 'verdict', width: 104, render: (verdict: Verdict) => <VerdictTag verdict={verdict} /> },
    {
      title: h('col.text'),
      key: 'text',
      render: (_, row) => (
        <>
          {pick(row.text, locale)}
          {row.note && (
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }} data-testid="criterion-note">
              {pick(row.note, locale)}
            </div>
          )}
        </>
      ),
    },
    { title: h('col.actual'), key: 'actual', width: 120, align: 'right', render: (_, row) => formatActual(row, locale, h) },
    { title: h('col.threshold'), key: 'threshold', width: 120, render: (_, row) => formatThreshold(row.threshold, locale) },
    { title: h('col.points'), key: 'points', width: 96, render: (_, row) => (row.points ? formatPoints(row.points, h) : '—') },
    { title: h('col.citation'), key: 'citation', width: 112, render: (_, row) => <CitationTag citation={row.citation} /> },
  ];
  return (
    <Table<CriterionResult>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={result.criteria}
      pagination={false}
      tableLayout="fixed"
      data-testid={`criteria-${result.ruleset}`}
    />
  );
}

function HeldText({ result }: { result: RulesetResult }) {
  const { t: h } = useHealthMessages();
  if (!result.held) return <Typography.Text type="secondary">{h('heldNone')}</Typography.Text>;
  return (
    <Space size={8} wrap>
      <span>
        {h('heldCert', {
          no: result.held.certificateNo ?? h('heldNoNumber'),
          expires: result.held.expiresOn ?? h('heldNoExpiry'),
        })}
      </span>
      <span>
        {h('recheck')}
        <VerdictTag verdict={result.verdict} />
      </span>
    </Space>
  );
}

function TierCard({ result }: { result: RulesetResult }) {
  const { t: h, locale } = useHealthMessages();
  return (
    <Card
      id={`tier-${result.ruleset}`}
      data-testid={`tier-${result.ruleset}`}
      title={
        <Space size={10}>
          <span>{tierName(result, locale)}</span>
          <VerdictTag verdict={result.verdict} />
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {h('version')}：{result.version}
        </Typography.Text>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 4, xl: 4, xxl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={h('route')}>{result.route ? h(`route.${result.route}`) : h('route.none')}</Descriptions.Item>
        <Descriptions.Item label={h('score')}>{formatPoints(result.score, h)}</Descriptions.Item>
        <Descriptions.Item label={h('held')} span={2}>
          <HeldText result={result} />
        </Descriptions.Item>
      </Descriptions>
      <CriteriaTable result={result} />
    </Card>
  );
}

/** One small card per tier: name, verdict, score. Also used side by side in the what-if drawer. */
export function TierSummary({ result, onClick }: { result: RulesetResult; onClick?: () => void }) {
  const { t: h, locale } = useHealthMessages();
  return (
    <Card size="small" hoverable={!!onClick} onClick={onClick} style={{ height: '100%' }} data-testid={`summary-${result.ruleset}`}>
      <div style={{ fontWeight: 500, marginBottom: 8, minHeight: 22 }}>{tierName(result, locale)}</div>
      <Space size={8} wrap>
        <VerdictTag verdict={result.verdict} />
        {result.score && <Typography.Text type="secondary">{formatPoints(result.score, h)}</Typography.Text>}
      </Space>
    </Card>
  );
}

function GapsCard({ assessment }: { assessment: Assessment }) {
  const { t: h, locale } = useHealthMessages();
  const { t: r } = useRegistryMessages();
  const tiers = assessment.gaps;
  return (
    <Card title={h('gaps.title')} data-testid="health-gaps">
      {tiers.length === 0 ? (
        <Typography.Text type="secondary">{h('gaps.none')}</Typography.Text>
      ) : (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          {tiers.map((tier: TierGaps) => (
            <div key={tier.ruleset} data-testid={`gaps-${tier.ruleset}`}>
              <Space size={10} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{tierName(assessment.results.find((x) => x.ruleset === tier.ruleset), locale, tier.ruleset)}</Typography.Text>
                <VerdictTag verdict={tier.verdict} />
              </Space>
              <Row gutter={[16, 8]}>
                <Col xs={24} xl={8}>
                  <Typography.Text type="secondary">{h('gaps.easiest')}</Typography.Text>
                  {tier.gaps.length ? (
                    <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {tier.gaps.map((gap) => (
                        <li key={gap.criterion} style={{ marginBottom: 4 }}>
                          <span className="lc-mono" style={{ marginInlineEnd: 6 }}>
                            {gap.criterion}
                          </span>
                          {pick(gap.text, locale)}
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <div>{h('gaps.noneForTier')}</div>
                  )}
                </Col>
                <Col xs={24} xl={8}>
                  <Typography.Text type="secondary">{h('gaps.blockers')}</Typography.Text>
                  {tier.blockers.length ? (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {tier.blockers.map((blocker) => (
                        <li key={blocker.criterion} style={{ marginBottom: 4 }}>
                          <span className="lc-mono" style={{ marginInlineEnd: 6 }}>
                            {blocker.criterion}
                          </span>
                          {pick(blocker.text, locale)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <div>{h('gaps.noneForTier')}</div>
                  )}
                </Col>
                <Col xs={24} xl={8}>
                  <Typography.Text type="secondary">{h('gaps.open')}</Typography.Text>
                  {tier.open.length ? (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {tier.open.map((item) => (
                        <li key={item.criterion} style={{ marginBottom: 4 }}>
                          <span className="lc-mono" style={{ marginInlineEnd: 6 }}>
                            {item.criterion}
                          </span>
                          {item.missing.length
                            ? h('gaps.openNeeds', { fields: missingLabels(item.missing, locale, h, r) })
                            : item.note
                              ? pick(item.note, locale)
                              : h('gaps.openExpert')}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <div>{h('gaps.noneForTier')}</div>
                  )}
                </Col>
              </Row>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

export function HealthTab({ org, years, qualifications }: { org: Org; years: YearFacts[]; qualifications: Qualification[] }) {
  const { t: h } = useHealthMessages();
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : today();
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [count, setCount] = useState(0);
  const [whatIf, setWhatIf] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    setAssessment(null);
    api
      .get<Assessment>(`/api/orgs/${encodeURIComponent(org.uscc)}/assessment`, { asOf })
      .then((result) => {
        if (!cancelled) setAssessment(result);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught : new Error(String(caught)));
      });
    return () => {
      cancelled = true;
    };
  }, [org.uscc, asOf, count, years, qualifications]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="health-tab">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <span>{h('asOf')}：</span>
        <span data-testid="health-asof">
          <DatePicker
            value={dayjs(asOf)}
            allowClear={false}
            onChange={(value) => {
              if (!value) return;
              const next = new URLSearchParams(params);
              next.set('asOf', value.format('YYYY-MM-DD'));
              setParams(next, { replace: true });
            }}
          />
        </span>
        <Button icon={<ReloadOutlined />} onClick={() => setCount((n) => n + 1)}>
          {h('refresh')}
        </Button>
        <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setWhatIf(true)} disabled={!assessment} data-testid="health-whatif">
          {h('whatIf')}
        </Button>
        <Typography.Text type="secondary" style={{ flex: '1 1 360px' }}>
          {h('intro')}
        </Typography.Text>
      </div>
      {error ? (
        <LoadError error={error.message} onRetry={() => setCount((n) => n + 1)} />
      ) : !assessment ? (
        <ContentSpin />
      ) : assessment.results.length === 0 ? (
        <Empty description={h('empty')} />
      ) : (
        <>
          <Alert type="info" showIcon message={h('verdictLegend')} />
          <Row gutter={[12, 12]} data-testid="health-overview">
            {assessment.results.map((result) => (
              <Col key={result.ruleset} flex="1 1 200px">
                <TierSummary
                  result={result}
                  onClick={() => document.getElementById(`tier-${result.ruleset}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
                />
              </Col>
            ))}
          </Row>
          {assessment.results.map((result) => (
            <TierCard key={result.ruleset} result={result} />
          ))}
          <GapsCard assessment={assessment} />
        </>
      )}
      <TierTimelineCard uscc={org.uscc} reloadKey={`${count}|${years.length}|${qualifications.length}`} />
      <WhatIfDrawer open={whatIf} onClose={() => setWhatIf(false)} org={org} years={years} qualifications={qualifications} asOf={asOf} baseline={assessment} />
    </Space>
  );
}

