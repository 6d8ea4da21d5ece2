// Applicant workspace: open calls to apply to, the organisation's applications and projects.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Form, Input, Modal, Space, Table, Typography, message, type TableColumnsType } from 'antd';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { fmtTime, useProgrammeMessages, yuan } from './messages';
import { AppStatusTag, KindTag, ProjectStatusTag, WindowTag } from './parts';
import type { AppSummary, Call, Project } from './types';

const split = (s: string | undefined) => (s ?? '').split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);

export default function WorkspacePage() {
  const { t } = useProgrammeMessages();
  usePageTitle('nav.programmes');
  const navigate = useNavigate();
  const calls = useApiGet<Call[]>('/api/programmes/calls', {}, '');
  const apps = useApiGet<AppSummary[]>('/api/programmes/applications', {}, '');
  const projects = useApiGet<Project[]>('/api/programmes/projects', {}, '');
  const [applying, setApplying] = useState<Call | null>(null);
  const [form] = Form.useForm();

  const create = async (v: { title: string; partners?: string; keywords?: string }) => {
    try {
      const a = await api.post<{ id: string }>('/api/programmes/applications', { callId: applying!.id, title: v.title, partnerUsccs: split(v.partners), keywords: split(v.keywords) });
      navigate(`/programmes/applications/${a.id}`);
    } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); }
  };

  const callColumns: TableColumnsType<Call> = [
    { title: t('col.call'), dataIndex: 'title', width: 360, render: (v: string, c) => <Space direction="vertical" size={0}><span>{v}</span>{c.challenge && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.challenge.problem}</Typography.Text>}</Space> },
    { title: t('col.kind'), dataIndex: 'kind', width: 130, render: (v: string) => <KindTag kind={v} /> },
    { title: t('col.window'), dataIndex: 'window', width: 90, render: (v: string) => <WindowTag window={v} /> },
    { title: t('col.closes'), dataIndex: 'closesAt', width: 180, render: fmtTime },
    { title: t('col.maxAward'), dataIndex: 'maxAwardFen', width: 150, align: 'right', render: yuan },
    { title: t('col.actions'), width: 100, render: (_v, c) => c.window === 'open' && <Button type="primary" size="small" data-testid={`apply-${c.code}`} onClick={() => { form.resetFields(); setApplying(c); }}>{t('apply')}</Button> },
  ];
  const appColumns: TableColumnsType<AppSummary> = [
    { title: t('col.title'), dataIndex: 'title', width: 320, render: (v: string, a) => <Link to={`/programmes/applications/${a.id}`} data-testid="app-link">{v}</Link> },
    { title: t('col.call'), dataIndex: 'callTitle', width: 300 },
    { title: t('col.status'), dataIndex: 'status', width: 130, render: (v: string) => <AppStatusTag status={v} /> },
    { title: t('col.requested'), dataIndex: 'requestedFen', width: 150, align: 'right', render: yuan },
    { title: t('col.submitted'), dataIndex: 'submittedAt', width: 180, render: fmtTime },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </Card>
      <Card title={t('tab.calls')}>
        <LoadError error={calls.error} onRetry={calls.reload} />
        <Table<Call> rowKey="id" columns={callColumns} dataSource={(calls.data ?? []).filter((c) => c.window !== 'closed')} loading={calls.loading} scroll={{ x: 1000 }} locale={{ emptyText: t('empty.calls') }} pagination={false} />
      </Card>
      <Card title={t('tab.myApps')}>
        <LoadError error={apps.error} onRetry={apps.reload} />
        <Table<AppSummary> data-testid="my-apps" rowKey="id" columns={appColumns} dataSource={apps.data ?? []} loading={apps.loading} scroll={{ x: 1000 }} locale={{ emptyText: t('empty.apps') }} pagination={false} />
      </Card>
      <Card title={t('tab.projects')}>
        <Table<Project> rowKey="id" dataSource={projects.data ?? []} loading={projects.loading} locale={{ emptyText: t('empty.projects') }} pagination={false} columns={[
          { title: t('col.code'), dataIndex: 'code', render: (v: string, p) => <Link to={`/programmes/projects/${p.id}`}>{v}</Link> },
          { title: t('col.title'), dataIndex: 'title' },
          { title: t('col.status'), dataIndex: 'status', render: (v: string) => <ProjectStatusTag status={v} /> },
          { title: t('col.award'), dataIndex: 'awardFen', align: 'right', render: yuan },
          { title: t('col.paid'), dataIndex: 'paidFen', align: 'right', render: yuan },
        ]} />
      </Card>
      <Modal open={!!applying} title={`${t('apply.title')} · ${applying?.title ?? ''}`} onCancel={() => setApplying(null)} onOk={() => form.submit()} okText={t('apply.create')} cancelText={t('cancel')} okButtonProps={{ 'data-testid': 'apply-create' } as Record<string, string>}>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="title" label={t('apply.name')} rules={[{ required: true }]}><Input data-testid="apply-title" maxLength={300} /></Form.Item>
          <Form.Item name="partners" label={t('apply.partners')}><Input /></Form.Item>
          <Form.Item name="keywords" label={t('apply.keywords')}><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
