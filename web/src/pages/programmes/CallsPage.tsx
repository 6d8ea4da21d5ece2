// Staff workbench: every call (drafts too) with application counts, and the projects.
import { Link } from 'react-router-dom';
import { Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography, message, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { fmtTime, useProgrammeMessages, yuan } from './messages';
import { KindTag, ProjectStatusTag, WindowTag } from './parts';
import type { Call, Project } from './types';

interface Reviewer { userId: string; username: string; displayName: string; fields: string[]; keywords: string[]; affiliationName: string | null; declaredConflicts: number; openAssignments: number; totalAssignments: number }

interface Stats {
  platform: { projects: number; awardedFen: number; applicationsSubmitted: number };
  letter: { id: string; zh: string; en: string; value: number; unit: string; qualifier: string | null; period: string; source: { title: string; docNo: string; date: string } }[];
}

export default function CallsPage() {
  const { t } = useProgrammeMessages();
  usePageTitle('nav.programmes');
  const user = useCurrentUser();
  const calls = useApiGet<Call[]>('/api/programmes/calls', {}, '');
  const projects = useApiGet<Project[]>('/api/programmes/projects', {}, '');
  const stats = useApiGet<Stats>('/api/programmes/stats', {}, '');
  const reviewers = useApiGet<Reviewer[]>(user.role === 'bureau_admin' ? '/api/programmes/reviewers' : '/api/programmes', {}, user.role);
  const { locale } = useI18n();
  const publish = async (id: string) => {
    try { await api.post(`/api/programmes/calls/${id}/publish`); calls.reload(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); }
  };
  const columns: TableColumnsType<Call> = [
    { title: t('col.call'), dataIndex: 'title', fixed: 'left', width: 360, render: (_v, c) => <Space direction="vertical" size={0}><Link to={`/programmes/calls/${c.id}`} data-testid="call-link">{c.title}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.code}{c.synthetic && <Tag style={{ marginLeft: 8 }}>{t('synthetic')}</Tag>}</Typography.Text></Space> },
    { title: t('col.kind'), dataIndex: 'kind', width: 130, render: (v: string) => <KindTag kind={v} /> },
    { title: t('col.window'), dataIndex: 'window', width: 100, render: (v: string) => <WindowTag window={v} /> },
    { title: t('col.closes'), dataIndex: 'closesAt', width: 180, render: fmtTime, sorter: (a, b) => a.closesAt.localeCompare(b.closesAt) },
    { title: t('col.budget'), dataIndex: 'budgetFen', width: 160, align: 'right', render: yuan },
    { title: t('col.applications'), dataIndex: 'applications', width: 100, align: 'right' },
    { title: t('col.actions'), width: 100, render: (_v, c) => (c.status === 'draft' && user.role === 'bureau_admin' ? <Button size="small" onClick={() => publish(c.id)}>{t('staff.publish')}</Button> : null) },
  ];
  const projectColumns: TableColumnsType<Project> = [
    { title: t('col.code'), dataIndex: 'code', width: 200, render: (v: string, p) => <Link to={`/programmes/projects/${p.id}`}>{v}</Link> },
    { title: t('col.title'), dataIndex: 'title', width: 280 },
    { title: t('col.org'), dataIndex: 'orgName', width: 240 },
    { title: t('col.status'), dataIndex: 'status', width: 120, render: (v: string) => <ProjectStatusTag status={v} /> },
    { title: t('col.award'), dataIndex: 'awardFen', width: 150, align: 'right', render: yuan },
    { title: t('col.paid'), dataIndex: 'paidFen', width: 150, align: 'right', render: yuan },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
          {user.role === 'bureau_admin' && <Link to="/programmes/calls/new"><Button type="primary" icon={<PlusOutlined />} data-testid="call-new">{t('ce.title')}</Button></Link>}
        </Space>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        {stats.data && (
          <Space direction="vertical" size={0} style={{ display: 'flex', marginTop: 8 }} data-testid="programme-stats">
            <Typography.Text>{t('stats.platform', { apps: stats.data.platform.applicationsSubmitted, projects: stats.data.platform.projects, amount: yuan(stats.data.platform.awardedFen) })}</Typography.Text>
            {stats.data.letter.map((f) => (
              <Tooltip key={f.id} title={t('stats.source', { title: f.source.title, doc: f.source.docNo, date: f.source.date })}>
                <Typography.Text type="secondary">{t('stats.letter', { label: locale === 'zh-CN' ? f.zh : f.en, q: f.qualifier === 'more than' ? (locale === 'zh-CN' ? '超过 ' : 'over ') : '', value: f.value.toLocaleString('en-US'), unit: locale === 'zh-CN' ? f.unit : '', period: f.period })} · {f.source.docNo}</Typography.Text>
              </Tooltip>
            ))}
          </Space>
        )}
      </Card>
      <Card>
        <Tabs items={[
          { key: 'calls', label: t('tab.calls'), children: <><LoadError error={calls.error} onRetry={calls.reload} /><Table<Call> data-testid="calls-table" rowKey="id" columns={columns} dataSource={calls.data ?? []} loading={calls.loading} scroll={{ x: 1100 }} locale={{ emptyText: t('empty.calls') }} pagination={{ pageSize: 20 }} /></> },
          { key: 'projects', label: t('tab.projects'), children: <><LoadError error={projects.error} onRetry={projects.reload} /><Table<Project> rowKey="id" columns={projectColumns} dataSource={projects.data ?? []} loading={projects.loading} scroll={{ x: 1100 }} locale={{ emptyText: t('empty.projects') }} /></> },
          ...(user.role === 'bureau_admin' ? [{ key: 'reviewers', label: t('tab.reviewers'), children: (
            <Table<Reviewer> data-testid="reviewer-pool" rowKey="userId" size="small" dataSource={reviewers.data ?? []} loading={reviewers.loading} pagination={false} columns={[
              { title: t('rev.name'), dataIndex: 'displayName', render: (v: string, r) => `${v}（${r.username}）` },
              { title: t('rev.expertise'), render: (_v, r) => [...r.fields, ...r.keywords].map((k) => <Tag key={k}>{k}</Tag>) },
              { title: t('rev.affiliation'), dataIndex: 'affiliationName', render: (v: string | null) => v ?? '—' },
              { title: t('rev.declared'), dataIndex: 'declaredConflicts', align: 'right' },
              { title: t('rev.load'), render: (_v, r) => `${r.openAssignments} / ${r.totalAssignments}` },
            ]} />
          ) }] : []),
        ]} />
      </Card>
    </Space>
  );
}
