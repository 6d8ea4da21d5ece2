// 梯次培育: the tier ladder for the latest (or a chosen) evaluation date, filtered by district
// and industry code (all in the URL), one card per tier with a link to its reserve pool, and
// for the bureau a "重新评价" that re-evaluates every organisation as of a date.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Alert, Button, Card, Col, DatePicker, Empty, Form, Modal, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import { ReloadOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { DistrictIndustryFields, FilterButtons } from './FilterFields';
import { FunnelChart } from './FunnelChart';
import { isTier, TIERS, useCultivationMessages, type Tier } from './messages';
import { BreakdownCard, type BreakdownBy } from './BreakdownCard';
import { LetterCard } from './LetterCard';
import { carryQuery, formatCount, type EvaluateResult, type Funnel, type FunnelTier } from './types';

const COLORS = { held: '#1677ff', pass: '#52c41a', reserve: '#fa8c16' };

interface FormValues {
  asOf?: Dayjs | null;
  district?: string;
  industry?: string;
  chain?: string;
}

export default function FunnelPage() {
  const { t } = useI18n();
  const { t: c, locale } = useCultivationMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'bureau_admin';
  const officer = user.role === 'district_officer';
  usePageTitle('nav.cultivation');

  const [params, setParams] = useSearchParams();
  const queryKey = params.toString();
  const asOf = params.get('asOf') ?? '';
  const district = officer ? '' : (params.get('district') ?? '');
  const industry = params.get('industry') ?? '';
  const chain = params.get('chain') ?? '';
  // Drill-down: grouping and tier (officers see one district, so they start by industry).
  const byChoices: BreakdownBy[] = officer ? ['section', 'division', 'chain'] : ['district', 'section', 'division', 'chain'];
  const byParam = params.get('by') as BreakdownBy | null;
  const by: BreakdownBy = byParam && byChoices.includes(byParam) ? byParam : byChoices[0];
  const tierParam = params.get('tier') ?? '';
  const tier: Tier = isTier(tierParam) ? tierParam : 'hnte';

  const { data, loading, error, reload } = useApiGet<Funnel>('/api/cultivation/funnel', { asOf, district, industry, chain }, queryKey);
  const [form] = Form.useForm<FormValues>();

  // The form shows the URL's values; without a date, the date the API answered for (the latest).
  useEffect(() => {
    const shown = asOf || data?.asOf || '';
    form.setFieldsValue({ asOf: shown ? dayjs(shown) : null, district: district || undefined, industry, chain: chain || undefined });
  }, [queryKey, data?.asOf, form]);

  function writeQuery(next: { asOf?: string; district?: string; industry?: string; chain?: string; by?: string; tier?: string }) {
    const merged = { asOf, district, industry, chain, by: byParam ?? '', tier: tierParam, ...next };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) if (value) search.set(key, value);
    setParams(search);
  }

  function onSearch(values: FormValues) {
    const chosen = values.asOf ? values.asOf.format('YYYY-MM-DD') : '';
    writeQuery({
      // Keep "latest" in the URL when the date shown is the latest one answered.
      asOf: chosen && (asOf || chosen !== data?.asOf) ? chosen : '',
      district: values.district ?? '',
      industry: values.industry?.trim().toUpperCase() ?? '',
      chain: values.chain ?? '',
    });
  }

  function onReset() {
    form.resetFields();
    setParams(new URLSearchParams());
  }

  // 重新评价
  const [evaluating, setEvaluating] = useState(false);
  const [running, setRunning] = useState(false);
  const [evalDate, setEvalDate] = useState<Dayjs>(() => dayjs());

  async function onEvaluate() {
    setRunning(true);
    try {
      const result = await api.post<EvaluateResult>('/api/cultivation/evaluate', { asOf: evalDate.format('YYYY-MM-DD') });
      message.success(c('evaluate.done', { organisations: formatCount(result.organisations), evaluations: formatCount(result.evaluations), asOf: result.asOf }));
      setEvaluating(false);
      if (result.asOf === asOf) reload();
      else writeQuery({ asOf: result.asOf });
    } catch (caught) {
      message.error(`${c('evaluate.failed')}：${caught instanceof ApiError ? caught.detail : String(caught)}`);
    } finally {
      setRunning(false);
    }
  }

  const tierName = (tier: FunnelTier) => (isTier(tier.ruleset) ? c(`tier.${tier.ruleset}`) : en ? tier.title.en : tier.title.zh);
  const rungOf = (tier: FunnelTier) => (TIERS as readonly string[]).indexOf(tier.ruleset) + 1 || 0;
  const tiers = data?.tiers ?? [];
  const filtered = Boolean(district || industry || chain);
  const nothing = data !== null && data.evaluated === 0;

  const evaluateButton = admin && (
    <Button type="primary" icon={<ReloadOutlined />} onClick={() => setEvaluating(true)} data-testid="cultivation-evaluate">
      {c('evaluate.button')}
    </Button>
  );

  let empty = null;
  if (nothing) {
    const description = data.asOf === null
      ? c(admin ? 'empty.none' : 'empty.noneOfficer')
      : asOf
        ? c(admin ? 'empty.date' : 'empty.dateOfficer', { asOf })
        : filtered
          ? c('empty.filtered')
          : c(admin ? 'empty.none' : 'empty.noneOfficer');
    empty = (
      <Empty description={description} data-testid="cultivation-empty">
        <Space>
          {asOf && <Button onClick={() => writeQuery({ asOf: '' })}>{c('empty.clearDate')}</Button>}
          {filtered && !asOf && <Button onClick={onReset}>{t('common.reset')}</Button>}
          {!filtered && evaluateButton}
        </Space>
      </Empty>
    );
  }

  const labelCol = { flex: en ? '130px' : '80px' };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<FormValues> form={form} onFinish={onSearch} labelCol={labelCol} labelWrap data-testid="cultivation-filters">
          <Row gutter={24}>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="asOf" label={c('filter.asOf')} style={{ marginBottom: 0 }}>
                <DatePicker style={{ width: '100%' }} placeholder={c('filter.asOfHint')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="cultivation-asof" />
              </Form.Item>
            </Col>
            <DistrictIndustryFields />
            <FilterButtons xl={5} onReset={onReset} />
          </Row>
        </Form>
      </Card>

      <Card styles={{ body: { padding: '16px 24px' } }} data-testid="cultivation-funnel">
        {error && !data && evaluateButton && <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>{evaluateButton}</div>}
        <LoadError error={error} onRetry={reload} />
        {loading && !data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : empty ? (
          empty
        ) : (
          <FunnelChart
            title={c('funnel.chartTitle')}
            unit={c('funnel.chartUnit')}
            rows={tiers.map((tier) => ({
              key: tier.ruleset,
              label: tierName(tier),
              rung: c('funnel.rung', { n: rungOf(tier) }),
              values: [tier.held, tier.pass, tier.reserve],
            }))}
            series={[
              { name: c('series.held'), color: COLORS.held },
              { name: c('series.pass'), color: COLORS.pass },
              { name: c('series.reserve'), color: COLORS.reserve },
            ]}
            labels={{ showTable: c('funnel.showTable'), hideTable: c('funnel.hideTable'), category: c('funnel.tierCol') }}
            note={c('funnel.chartNote')}
            extra={
              data && (
                <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
                  <span data-testid="cultivation-asof-text">{c('funnel.asOf', { asOf: data.asOf ?? '' })}</span>
                  <span style={{ margin: '0 8px' }}>·</span>
                  <span data-testid="cultivation-evaluated">{c('funnel.evaluated', { n: formatCount(data.evaluated) })}</span>
                </Typography.Text>
              )
            }
            actions={
              <Space>
                <Link to="/cultivation/params/tech_leader" data-testid="leader-params-link"><Button icon={<SettingOutlined />}>{c('params.link')}</Button></Link>
                {evaluateButton}
              </Space>
            }
            testId="cultivation-chart"
          />
        )}
      </Card>

      {!empty && tiers.length > 0 && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(210px, 1fr))', gap: 16 }} data-testid="tier-cards">
          {tiers.map((tier) => (
            <TierCard key={tier.ruleset} tier={tier} name={tierName(tier)} link={`/cultivation/reserve/${encodeURIComponent(tier.ruleset)}${carryQuery(params)}`} />
          ))}
        </div>
      )}

      {!empty && tiers.length > 0 && (
        <BreakdownCard
          by={by}
          tier={tier}
          byChoices={byChoices}
          query={{ asOf, district, industry, chain }}
          onChange={(next) => writeQuery(next)}
          reserveLink={(group) => {
            const q = new URLSearchParams(carryQuery(params).slice(1));
            if (by === 'district') q.set('district', group.key);
            else if (by === 'chain') q.set('chain', group.key);
            else if (group.key) q.set('industry', group.key);
            const text = q.toString();
            return `/cultivation/reserve/${tier}${text ? `?${text}` : ''}`;
          }}
        />
      )}

      {!empty && tiers.length > 0 && <LetterCard />}

      <Modal
        open={evaluating}
        title={c('evaluate.title')}
        okText={running ? c('evaluate.running') : c('evaluate.ok')}
        cancelText={t('common.cancel')}
        onOk={onEvaluate}
        confirmLoading={running}
        cancelButtonProps={{ disabled: running }}
        closable={!running}
        maskClosable={!running}
        onCancel={() => setEvaluating(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon message={c('evaluate.body')} style={{ marginBottom: 16 }} />
        <Form layout="vertical">
          <Form.Item label={c('evaluate.date')} required>
            <DatePicker
              value={evalDate}
              allowClear={false}
              onChange={(value) => value && setEvalDate(value)}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              disabled={running}
              data-testid="cultivation-evaluate-date"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function TierCard({ tier, name, link }: { tier: FunnelTier; name: string; link: string }) {
  const { t: c, locale } = useCultivationMessages();
  const fullTitle = locale === 'en-US' ? tier.title.en : tier.title.zh;
  const unit = c('count.unitSuffix');
  const small = (key: 'count.fail' | 'count.unknown' | 'count.manualReview', value: number) => (
    <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, lineHeight: '20px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c(key)}</Typography.Text>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{c('count.unit', { n: formatCount(value) })}</span>
    </div>
  );
  const big = (kind: 'held' | 'pass', value: number) => (
    <Col span={12}>
      <Tooltip title={c(`card.${kind}Hint`)}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: COLORS[kind], marginRight: 4 }} />
          {c(`count.${kind}`)}
        </Typography.Text>
      </Tooltip>
      <div style={{ fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.3 }}>
        <span data-testid={`tier-${kind}-${tier.ruleset}`}>{formatCount(value)}</span>
        {unit && <span style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 3 }}>{unit}</span>}
      </div>
    </Col>
  );
  return (
    <Card
      size="small"
      title={
        <Tooltip title={fullTitle !== name ? fullTitle : undefined}>
          <span style={{ whiteSpace: 'normal', fontSize: 14 }}>{name}</span>
        </Tooltip>
      }
      styles={{ header: { minHeight: locale === 'en-US' ? 60 : 44, padding: '6px 12px' }, body: { padding: 12 } }}
      data-testid={`tier-card-${tier.ruleset}`}
    >
      <Row gutter={8} style={{ marginBottom: 6 }}>
        {big('held', tier.held)}
        {big('pass', tier.pass)}
      </Row>
      {small('count.fail', tier.fail)}
      {small('count.unknown', tier.unknown)}
      {small('count.manualReview', tier.manualReview)}
      <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 6, paddingTop: 6 }}>
        <Link to={link} data-testid={`reserve-link-${tier.ruleset}`}>
          <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: COLORS.reserve, marginRight: 6 }} />
          {c('card.reserveLink', { n: formatCount(tier.reserve) })} <RightOutlined style={{ fontSize: 10 }} />
        </Link>
      </div>
    </Card>
  );
}
