// The public portal's front page: what the platform is, its sections, and a few of the city's
// published figures with their source (from the open-data file).
import { Link } from 'react-router-dom';
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useI18n, usePageTitle } from '../../i18n';
import { PUBLIC_PAGES } from '../../publicPages';
import { PublicSectionIcon } from '../../layout/moduleIcons';
import { unitLabel } from '../cockpit/types';
import { useOpenData } from './useOpenData';

/** Headline figures of the bureau's letter, shown when published. */
const HEADLINES = ['hnte_count', 'tax_incentives_total', 'enterprise_rd_centers', 'public_tech_service_platforms'];

export default function PublicHomePage() {
  const { t, locale } = useI18n();
  usePageTitle(null);
  const { data } = useOpenData();
  const en = locale === 'en-US';
  const figures = HEADLINES.map((id) => data?.indicators.find((i) => i.id === id)).filter((i) => i && i.values.length);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card style={{ background: 'linear-gradient(120deg, #1558d6 0%, #3b82f6 100%)', border: 'none' }}>
        <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }}>{t('app.name')} · {t('app.subtitle')}</Typography.Title>
        <Typography.Paragraph style={{ color: '#e6efff', fontSize: 16, maxWidth: 760, marginBottom: 0 }}>{t('public.intro')}</Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        {PUBLIC_PAGES.map((p) => (
          <Col key={p.key} xs={24} sm={12} lg={8}>
            <Link to={p.path} data-testid={`public-card-${p.key}`}>
              <Card hoverable style={{ height: '100%' }}>
                <Space align="start">
                  <span style={{ fontSize: 24, color: '#1558d6' }}><PublicSectionIcon pageKey={p.key} /></span>
                  <div>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>{t(p.labelKey)}</Typography.Title>
                    <Typography.Text type="secondary">{t(p.descriptionKey)}</Typography.Text>
                  </div>
                </Space>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {figures.length > 0 && (
        <Card title={t('public.figures')} data-testid="public-figures">
          <Row gutter={[16, 16]}>
            {figures.map((i) => {
              const v = i!.values[i!.values.length - 1];
              return (
                <Col key={i!.id} xs={12} md={6}>
                  <Statistic title={en ? i!.name.en : i!.name.zh} value={v.value} suffix={unitLabel(i!.unit, locale)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.period} · {v.source.docNo ?? v.source.title}</Typography.Text>
                </Col>
              );
            })}
          </Row>
        </Card>
      )}
    </Space>
  );
}
