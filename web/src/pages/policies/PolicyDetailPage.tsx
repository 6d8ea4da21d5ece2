// One policy: its identity, every version (the one in force first), the clauses and the benefits
// computed from them.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { Button, Card, Descriptions, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { usePolicyMessages } from './messages';
import type { PolicyDetail } from './types';

export default function PolicyDetailPage() {
  const { slug = '' } = useParams();
  const { t, locale } = usePolicyMessages();
  usePageTitle('nav.policies');
  const { data: p, error, reload } = useApiGet<PolicyDetail>(`/api/policies/${encodeURIComponent(slug)}`, {}, slug);
  useBreadcrumbTrail(p ? [{ title: p.title }] : []);
  const [picked, setPicked] = useState<number | null>(null);
  // The public portal shows the same page; the calculator needs an account.
  const { user } = useAuth();
  const isPublic = useLocation().pathname.startsWith('/public');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!p) return <Spin />;
  const current = p.versions.find((v) => v.inForce) ?? p.versions[0];
  const shown = p.versions.find((v) => v.versionNo === picked) ?? current;
  const en = locale === 'en-US';
  const admin = user?.role === 'bureau_admin' && !isPublic;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card data-testid="policy-header">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
          <Typography.Title level={4} style={{ marginTop: 0 }}>{p.title}</Typography.Title>
          {admin && (
            <Space data-testid="policy-admin">
              <Link to={`/policies/${p.slug}/edit`}><Button data-testid="policy-edit">{t('pe.edit')}</Button></Link>
              <Link to={`/policies/benefits/new?policy=${p.id}`}><Button type="primary" data-testid="policy-add-benefit">{t('pe.addBenefit')}</Button></Link>
            </Space>
          )}
        </Space>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="blue">{t(`level.${p.level}`)}</Tag>
          <Tag color={p.status === 'published' ? 'green' : p.status === 'draft' ? 'orange' : 'default'}>{t(`status.${p.status}`)}</Tag>
          {[...p.tags.chains, ...p.tags.tiers, ...p.tags.topics].map((tag) => <Tag key={tag}>{tag}</Tag>)}
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('col.docNo')}>{p.docNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('col.issuer')}>{p.issuer}</Descriptions.Item>
          {p.source && <Descriptions.Item label={t('detail.source', { source: '' }).replace(/[:：]\s*$/, '')}>{p.source}</Descriptions.Item>}
          {p.confidence && <Descriptions.Item label={t('detail.confidence', { c: '' }).replace(/[:：]\s*$/, '')}>{p.confidence} · {t(`conf.${p.confidence}`)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('detail.clauses')} extra={p.versions.length > 1 && (
        <Segmented
          data-testid="policy-versions"
          value={shown.versionNo}
          onChange={(v) => setPicked(Number(v))}
          options={p.versions.map((v) => ({ value: v.versionNo, label: `${t('detail.version', { n: v.versionNo })}${v.inForce ? ` · ${t('detail.inForce')}` : ''}` }))}
        />
      )}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Tag color={shown.inForce ? 'green' : 'default'}>{t('detail.version', { n: shown.versionNo })}{shown.inForce ? ` · ${t('detail.inForce')}` : ''}</Tag>
          <Typography.Text type="secondary">{t('detail.effective', { from: shown.effectiveFrom })}{shown.expiresOn ? ` ${t('detail.expires', { to: shown.expiresOn })}` : ''}</Typography.Text>
          {shown.changeNote && <Typography.Text type="secondary">{t('detail.changeNote', { note: shown.changeNote })}</Typography.Text>}
        </Space>
        {shown.summary && <Typography.Paragraph>{shown.summary}</Typography.Paragraph>}
        <List
          data-testid="policy-clauses"
          dataSource={shown.clauses}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta title={t('detail.clauseNo', { no: c.no })} description={<Typography.Text>{c.text}</Typography.Text>} />
            </List.Item>
          )}
        />
      </Card>
      {p.benefits.length > 0 && (
        <Card title={t('detail.benefits')} data-testid="policy-benefits">
          <List
            dataSource={p.benefits}
            renderItem={(b) => (
              <List.Item extra={<Space>
                {admin && b.kind === 'authored' && <Link to={`/policies/benefits/${b.code}`} data-testid="benefit-edit">{t('pe.editBenefit')}</Link>}
                <Link to={user && !isPublic ? '/policies/calculator' : '/login'}>{t(user && !isPublic ? 'calc.title' : 'detail.signInToCalculate')}</Link>
              </Space>}>
                <Space wrap>
                  <Typography.Text strong>{en ? b.name.en : b.name.zh}</Typography.Text>
                  <Tag>{t('detail.clauseNo', { no: b.clauseNo })}</Tag>
                  <Tag color={b.kind === 'national' ? 'geekblue' : 'purple'}>{t(b.kind === 'national' ? 'detail.national' : 'detail.authored')}</Tag>
                  {!b.published && <Tag color="orange">{t('detail.unpublished')}</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
