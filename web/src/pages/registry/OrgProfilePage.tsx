// One organisation: header with its tags and the edit button, and the tabs 基本信息 /
// 年度数据 / 趋势 / 资质 / 体检. The chosen tab is kept in the URL (?tab=facts).
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Empty, Result, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { ContentSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { districtLabel, formatDateTime } from '../../format';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useI18n } from '../../i18n';
import { FactsTab } from './FactsTab';
import { HealthTab } from './HealthTab';
import { useHealthMessages } from './healthMessages';
import { useRegistryMessages } from './messages';
import { OrgFormModal } from './OrgFormModal';
import { QualificationsTab } from './QualificationsTab';
import { isStaff } from './roles';
import { QualificationTags, SyntheticTag } from './tags';
import { TrendsTab } from './TrendsTab';
import type { Org, Qualification, YearFacts } from './types';

const TABS = ['basic', 'facts', 'trends', 'qualifications', 'health'] as const;
type TabKey = (typeof TABS)[number];

function useLoad<T>(url: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    setError(null);
    api
      .get<T>(url)
      .then((result) => {
        if (!cancelled) setData(result);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught : new Error(String(caught)));
      });
    return () => {
      cancelled = true;
    };
  }, [url, count]);
  const reload = useCallback(() => setCount((n) => n + 1), []);
  return { data, setData, error, reload };
}

function List({ items }: { items: readonly string[] }) {
  const { t } = useI18n();
  if (!items.length) return <>{t('common.none')}</>;
  return (
    <Space size={[4, 4]} wrap>
      {items.map((item) => (
        <Tag key={item} style={{ marginInlineEnd: 0 }}>
          {item}
        </Tag>
      ))}
    </Space>
  );
}

function BasicTab({ org }: { org: Org }) {
  const { t } = useI18n();
  const { t: r } = useRegistryMessages();
  const none = t('common.none');
  return (
    <Descriptions bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="middle" labelStyle={{ width: 160 }} data-testid="org-basic">
      <Descriptions.Item label={r('form.name')}>{org.name}</Descriptions.Item>
      <Descriptions.Item label={r('form.uscc')}>
        <Typography.Text className="lc-mono" copyable={{ tooltips: [r('copy'), r('copied')] }}>
          {org.uscc}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={r('form.formerNames')}>
        <List items={org.formerNames} />
      </Descriptions.Item>
      <Descriptions.Item label={r('form.kind')}>{r(`kind.${org.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={r('form.district')}>{districtLabel(t, org.district)}</Descriptions.Item>
      <Descriptions.Item label={r('form.industryCode')}>{org.industryCode ? <span className="lc-mono">{org.industryCode}</span> : none}</Descriptions.Item>
      <Descriptions.Item label={r('form.registeredOn')}>{org.registeredOn ?? none}</Descriptions.Item>
      <Descriptions.Item label={r('form.listed')}>{org.listed ? r('yes') : r('no')}</Descriptions.Item>
      <Descriptions.Item label={r('form.address')} span={2}>
        {org.address ?? none}
      </Descriptions.Item>
      <Descriptions.Item label={r('form.parentGroup')} span={2}>
        {org.parentGroup ?? none}
      </Descriptions.Item>
      <Descriptions.Item label={r('form.keywords')} span={2}>
        <List items={org.keywords} />
      </Descriptions.Item>
      <Descriptions.Item label={r('form.mainProducts')} span={2}>
        <List items={org.mainProducts} />
      </Descriptions.Item>
      <Descriptions.Item label={r('form.contacts')} span={2}>
        {org.contacts.length ? (
          <Space direction="vertical" size={2}>
            {org.contacts.map((contact, index) => (
              <span key={index}>
                {[contact.name, contact.title, contact.phone, contact.email].filter(Boolean).join(' · ')}
              </span>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{r('profile.noContacts')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={r('profile.createdAt')}>{formatDateTime(org.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={r('profile.updatedAt')}>{formatDateTime(org.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

export default function OrgProfilePage() {
  const { t } = useI18n();
  const { t: r } = useRegistryMessages();
  const { t: h } = useHealthMessages();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const staff = isStaff(user.role);
  const { uscc = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'basic';
  const base = `/api/orgs/${encodeURIComponent(uscc)}`;

  const org = useLoad<Org>(base);
  const facts = useLoad<YearFacts[]>(`${base}/facts`);
  const qualifications = useLoad<Qualification[]>(`${base}/qualifications`);
  const [editing, setEditing] = useState(false);

  useBreadcrumbTrail(org.data ? [{ title: org.data.name }] : []);
  useEffect(() => {
    if (org.data) document.title = `${org.data.name} - ${t('app.name')}`;
  }, [org.data, t]);

  if (org.error) {
    if (org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 403)) {
      return (
        <Result
          status="404"
          title={r('profile.notFound')}
          subTitle={<span className="lc-mono">{uscc}</span>}
          extra={
            staff && (
              <Link to="/registry">
                <Button type="primary">{r('profile.backToList')}</Button>
              </Link>
            )
          }
        />
      );
    }
    return <LoadError error={org.error.message} onRetry={org.reload} />;
  }
  if (!org.data) return <ContentSpin />;
  const current = org.data;
  const activeKinds = [...new Set((qualifications.data ?? []).filter((q) => q.active).map((q) => q.kind))];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="org-header">
        <div style={{ display: 'flex', alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 320 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-name">
              {current.name}
            </Typography.Title>
            <Space size={[6, 6]} wrap style={{ marginTop: 10 }}>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {districtLabel(t, current.district)}
              </Tag>
              <Tag style={{ marginInlineEnd: 0 }}>{r(`kind.${current.kind}`)}</Tag>
              {current.synthetic && <SyntheticTag />}
              {current.listed && (
                <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                  {r('listed')}
                </Tag>
              )}
              {activeKinds.length > 0 && <QualificationTags kinds={activeKinds} />}
            </Space>
            <div style={{ marginTop: 10 }}>
              <Typography.Text type="secondary">{r('form.uscc')}：</Typography.Text>
              <Typography.Text className="lc-mono" copyable={{ tooltips: [r('copy'), r('copied')] }} data-testid="org-uscc">
                {current.uscc}
              </Typography.Text>
            </div>
          </div>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
            {r('profile.edit')}
          </Button>
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'basic') next.delete('tab');
            else next.set('tab', key);
            if (key !== 'health') next.delete('asOf');
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'basic', label: r('profile.tabBasic'), children: <BasicTab org={current} /> },
            {
              key: 'facts',
              label: r('profile.tabFacts'),
              children: facts.error ? (
                <LoadError error={facts.error.message} onRetry={facts.reload} />
              ) : facts.data ? (
                <FactsTab uscc={current.uscc} years={facts.data} onChanged={facts.reload} />
              ) : (
                <ContentSpin />
              ),
            },
            {
              key: 'trends',
              label: r('profile.tabTrends'),
              children: facts.data ? <TrendsTab years={facts.data} /> : facts.error ? <Empty /> : <ContentSpin />,
            },
            {
              key: 'qualifications',
              label: r('profile.tabQualifications'),
              children: qualifications.error ? (
                <LoadError error={qualifications.error.message} onRetry={qualifications.reload} />
              ) : qualifications.data ? (
                <QualificationsTab uscc={current.uscc} items={qualifications.data} canEdit={staff} onChanged={qualifications.reload} />
              ) : (
                <ContentSpin />
              ),
            },
            {
              key: 'health',
              label: h('tab'),
              children:
                facts.error || qualifications.error ? (
                  <LoadError error={(facts.error ?? qualifications.error)!.message} onRetry={facts.error ? facts.reload : qualifications.reload} />
                ) : facts.data && qualifications.data ? (
                  <HealthTab org={current} years={facts.data} qualifications={qualifications.data} />
                ) : (
                  <ContentSpin />
                ),
            },
          ]}
        />
      </Card>
      <OrgFormModal
        open={editing}
        editing={current}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          org.setData(saved);
          message.success(r('form.saved', { name: saved.name }));
        }}
      />
    </Space>
  );
}
