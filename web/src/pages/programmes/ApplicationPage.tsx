// One application: the applicant's workspace (draft, save, budget table, attachments, submit),
// or the staff view with the formal check and the assignment's conflict explanations.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Popconfirm, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { fmtTime, useProgrammeMessages, yuan, type ProgrammeKey } from './messages';
import { ContestEnclaveProjects } from '../market/ContestEnclaveProjects';
import { AppStatusTag } from './parts';
import type { Application } from './types';

type Line = { category: string; requested: number | null; self: number | null };
const toFen = (y: number | null) => Math.round((y ?? 0) * 100);

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useProgrammeMessages();
  const { locale } = useI18n();
  usePageTitle('nav.programmes');
  const user = useCurrentUser();
  const { data: app, error, reload } = useApiGet<Application>(`/api/programmes/applications/${id}`, {}, id);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [lines, setLines] = useState<Line[]>([]);
  const [kind, setKind] = useState('proposal');
  const [busy, setBusy] = useState(false);
  const [comments, setComments] = useState('');
  const label = (b: { zh: string; en: string }) => (locale === 'zh-CN' ? b.zh : b.en);

  useEffect(() => {
    if (!app) return;
    setAnswers(app.answers);
    setLines(app.call.form.budgetCategories.map((c) => {
      const l = app.budget.find((b) => b.category === c.key);
      return { category: c.key, requested: l ? l.requestedFen / 100 : null, self: l ? l.selfFen / 100 : null };
    }));
  }, [app]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!app) return null;
  const editable = user.role === 'org_user' && (app.status === 'draft' || app.status === 'returned') && app.orgUscc !== null;
  const staff = user.role === 'bureau_admin' || user.role === 'district_officer';
  const requested = lines.reduce((s, l) => s + toFen(l.requested), 0);
  const self = lines.reduce((s, l) => s + toFen(l.self), 0);

  const act = async (work: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try { await work(); message.success(ok); reload(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); } finally { setBusy(false); }
  };
  const save = () => api.patch(`/api/programmes/applications/${id}`, {
    answers, budget: lines.filter((l) => l.requested || l.self).map((l) => ({ category: l.category, requestedFen: toFen(l.requested), selfFen: toFen(l.self) })),
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="app-title">{app.title} <AppStatusTag status={app.status} /></Typography.Title>
            <Typography.Text type="secondary">{app.call.title} · {t('ws.deadline', { at: fmtTime(app.call.closesAt) })}</Typography.Text>
          </div>
          <Link to="/programmes"><Button>{t('back')}</Button></Link>
        </Space>
        {app.status === 'returned' && app.formalComments && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('ws.returned', { comments: app.formalComments })} />}
        {app.decision && <Alert style={{ marginTop: 12 }} type={app.decision.decision === 'award' ? 'success' : 'info'} showIcon message={`${t(app.decision.decision === 'award' ? 'staff.award' : 'staff.reject')}${app.decision.amountFen ? ` ${yuan(app.decision.amountFen)}` : ''}：${app.decision.reason}`} />}
      </Card>
      <Card title={t('ws.applicant')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('col.org')}>{app.orgName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="USCC"><Typography.Text code copyable={!!app.orgUscc}>{app.orgUscc ?? '—'}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('apply.partners')}>{app.partners.map((p) => p.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('apply.keywords')}>{app.keywords.map((k) => <Tag key={k}>{k}</Tag>)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('ws.form')}>
        <Form layout="vertical">
          {app.call.form.fields.map((f) => (
            <Form.Item key={f.key} label={label(f.label)} required={f.required} htmlFor={`field-${f.key}`}>
              <Input.TextArea id={`field-${f.key}`} data-testid={`field-${f.key}`} rows={3} maxLength={f.maxLength} value={answers[f.key] ?? ''} disabled={!editable} onChange={(e) => setAnswers({ ...answers, [f.key]: e.target.value })} />
            </Form.Item>
          ))}
        </Form>
      </Card>
      <Card title={t('ws.budget')}>
        <Table<Line> rowKey="category" size="small" pagination={false} dataSource={lines} columns={[
          { title: t('ws.budget.category'), dataIndex: 'category', render: (v: string) => label(app.call.form.budgetCategories.find((c) => c.key === v)!.label) },
          { title: t('ws.budget.requested'), dataIndex: 'requested', render: (v: number | null, l, i) => <InputNumber data-testid={`budget-req-${l.category}`} aria-label={`${label(app.call.form.budgetCategories.find((c) => c.key === l.category)!.label)} · ${t('ws.budget.requested')}`} min={0} precision={2} style={{ width: 180 }} value={v} disabled={!editable} onChange={(x) => setLines(lines.map((y, j) => (j === i ? { ...y, requested: x } : y)))} /> },
          { title: t('ws.budget.self'), dataIndex: 'self', render: (v: number | null, l, i) => <InputNumber data-testid={`budget-self-${l.category}`} aria-label={`${label(app.call.form.budgetCategories.find((c) => c.key === l.category)!.label)} · ${t('ws.budget.self')}`} min={0} precision={2} style={{ width: 180 }} value={v} disabled={!editable} onChange={(x) => setLines(lines.map((y, j) => (j === i ? { ...y, self: x } : y)))} /> },
        ]} />
        <Typography.Paragraph type={requested > app.call.maxAwardFen ? 'danger' : 'secondary'} style={{ marginTop: 8 }}>
          {t('ws.budget.total', { requested: yuan(requested), self: yuan(self), cap: yuan(app.call.maxAwardFen), ratio: (app.call.cofundingRatioBp / 100).toFixed(0) })}
        </Typography.Paragraph>
      </Card>
      <Card title={t('ws.attachments')} extra={<Typography.Text type="secondary">{t('ws.attachments.hint')}</Typography.Text>}>
        {app.call.form.requiredAttachments.length > 0 && <Typography.Paragraph>{t('ws.attachments.required', { kinds: app.call.form.requiredAttachments.map((k) => t(`att.${k}` as ProgrammeKey)).join('、') })}</Typography.Paragraph>}
        <List size="small" dataSource={app.attachments} locale={{ emptyText: '—' }} renderItem={(a) => (
          <List.Item><Space><Tag>{t(`att.${a.kind}` as ProgrammeKey)}</Tag><a href={`/api/programmes/attachments/${a.id}`}>{a.fileName}</a><Typography.Text type="secondary" style={{ fontSize: 12 }}>{(a.sizeBytes / 1024).toFixed(1)} KB · sha256 {a.sha256.slice(0, 12)}…</Typography.Text></Space></List.Item>
        )} />
        {editable && (
          <Space style={{ marginTop: 8 }}>
            <Select value={kind} onChange={setKind} style={{ width: 160 }} aria-label={t('ws.attachments')} options={['proposal', 'budget_detail', 'qualification', 'cooperation_agreement', 'other'].map((k) => ({ value: k, label: t(`att.${k}` as ProgrammeKey) }))} />
            <Upload showUploadList={false} accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg" customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              api.upload(`/api/programmes/applications/${id}/attachments`, f, { kind, filename: f.name })
                .then((r) => { onSuccess?.(r); reload(); })
                .catch((e: unknown) => { message.error(e instanceof ApiError ? e.detail : String(e)); onError?.(e as Error); });
            }}>
              <Button icon={<UploadOutlined />} data-testid="upload">{t('ws.upload')}</Button>
            </Upload>
          </Space>
        )}
      </Card>
      {editable && (
        <Card>
          <Space>
            <Button data-testid="save" loading={busy} onClick={() => act(save, t('ws.saved'))}>{t('ws.save')}</Button>
            <Popconfirm title={t('ws.submitConfirm')} onConfirm={() => act(async () => { await save(); await api.post(`/api/programmes/applications/${id}/submit`); }, t('ws.submitted'))} okButtonProps={{ 'data-testid': 'submit-confirm' } as Record<string, string>}>
              <Button type="primary" data-testid="submit" loading={busy}>{t('ws.submit')}</Button>
            </Popconfirm>
            <Button danger onClick={() => act(() => api.post(`/api/programmes/applications/${id}/withdraw`), t('ws.withdraw'))}>{t('ws.withdraw')}</Button>
          </Space>
        </Card>
      )}
      {staff && app.status === 'submitted' && (
        <Card title={t('staff.formal')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={2} aria-label={t('staff.comments')} placeholder={t('staff.comments')} value={comments} onChange={(e) => setComments(e.target.value)} />
            <Space>
              {(['pass', 'return', 'fail'] as const).map((r) => (
                <Button key={r} type={r === 'pass' ? 'primary' : 'default'} danger={r === 'fail'} data-testid={`formal-${r}`} loading={busy}
                  onClick={() => act(() => api.post(`/api/programmes/applications/${id}/formal-check`, { result: r, comments }), t(`staff.${r}`))}>{t(`staff.${r}`)}</Button>
              ))}
            </Space>
          </Space>
        </Card>
      )}
      {/* A contest entry that brought a project to an innovation enclave: the marketplace's side of the link. */}
      {app.call.kind === 'contest' && user.role !== 'reviewer' && app.status !== 'draft' && <ContestEnclaveProjects applicationId={app.id} />}
      {staff && app.assignmentLog && (
        <Card title={t('staff.exclusions')}>
          <Typography.Text strong>{t('staff.chosen')}</Typography.Text>
          <List size="small" dataSource={app.assignmentLog.chosen} renderItem={(c) => <List.Item>{c.reviewer} — {label(c.why)}</List.Item>} />
          <Typography.Text strong>{t('staff.excluded')}</Typography.Text>
          <List size="small" dataSource={app.assignmentLog.excluded} renderItem={(e) => <List.Item>{e.reviewer} — {e.reasons.map((r) => label(r)).join('；')}</List.Item>} />
        </Card>
      )}
    </Space>
  );
}
