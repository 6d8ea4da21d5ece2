// 公共技术服务平台的服务: the catalogue of services public platforms offer, and the requests from
// both sides — an enterprise requests a service and rates it once the platform has marked it done;
// the platform (its host organisation's users, its district's officer, the bureau) marks it done.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../i18n';
import { useCarrierMessages } from './messages';

interface Service { id: string; carrierId: string; name: string; description: string; priceNote: string | null; platform: string; requests: number; ratings: number; averageRating: number | null }
interface Request {
  id: string; serviceId: string; service: string; platform: string; org: string; note: string; status: 'requested' | 'done' | 'rated'; side: 'requester' | 'platform' | 'staff';
  doneNote: string | null; doneAt: string | null; rating: number | null; comment: string | null; createdAt: string;
}
interface Platform { id: string; name: string; host: { id: string } | null }
type Dialog = { kind: 'request'; service: Service } | { kind: 'done'; request: Request } | { kind: 'rate'; request: Request } | { kind: 'offer' } | null;

const STATUS_COLOR = { requested: 'blue', done: 'gold', rated: 'green' } as const;

export default function ServicesPage() {
  const { t } = useCarrierMessages();
  usePageTitle('nav.carriers');
  const user = useCurrentUser();
  const { message } = App.useApp();
  const services = useApiGet<Service[]>('/api/carriers/services', {}, 'services');
  const requests = useApiGet<Request[]>('/api/carriers/service-requests', {}, 'requests');
  const platforms = useApiGet<Platform[]>('/api/carriers', { kind: 'public_service_platform' }, 'platforms');
  // Platforms this user may offer services for: its own organisation's, or (staff) any; the server decides at the end.
  const mine = (platforms.data ?? []).filter((p) => user.role !== 'org_user' || p.host?.id === user.orgId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const submit = async (v: Record<string, unknown>) => {
    if (!dialog) return;
    setSaving(true);
    try {
      if (dialog.kind === 'request') await api.post(`/api/carriers/services/${dialog.service.id}/requests`, { note: v.note ?? '' });
      if (dialog.kind === 'done') await api.post(`/api/carriers/service-requests/${dialog.request.id}/done`, { note: (v.note as string | undefined)?.trim() || null });
      if (dialog.kind === 'rate') await api.post(`/api/carriers/service-requests/${dialog.request.id}/rate`, { rating: v.rating, comment: (v.comment as string | undefined)?.trim() || null });
      if (dialog.kind === 'offer') await api.post(`/api/carriers/${v.carrierId as string}/services`, { name: v.name, description: v.description ?? '', priceNote: (v.priceNote as string | undefined)?.trim() || null });
      message.success(t(`services.ok.${dialog.kind}`));
      setDialog(null);
      services.reload();
      requests.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) message.error(String(e));
      else if (!applyFieldErrors(form, e, ['note', 'rating', 'comment', 'name', 'description', 'priceNote'])) message.error(e.detail);
    } finally {
      setSaving(false);
    }
  };

  const dialogTitle = dialog ? t(`services.dialog.${dialog.kind}`) : '';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('services.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('services.subtitle')}</Typography.Text>
      </Card>
      <Card title={t('services.catalogue')} extra={mine.length > 0 && <Button onClick={() => setDialog({ kind: 'offer' })} data-testid="service-offer">{t('services.offer')}</Button>}>
        <LoadError error={services.error} onRetry={services.reload} />
        <Table<Service>
          data-testid="service-table" rowKey="id" size="small" loading={services.loading} dataSource={services.data ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('services.none') }}
          columns={[
            { title: t('services.platform'), dataIndex: 'platform', width: 240 },
            { title: t('services.name'), dataIndex: 'name', width: 220, render: (v: string, s) => <div>{v}{s.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>{s.description}</Typography.Paragraph>}</div> },
            { title: t('services.price'), dataIndex: 'priceNote', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('services.requests'), dataIndex: 'requests', width: 90, align: 'right' },
            { title: t('services.rating'), dataIndex: 'averageRating', width: 200, render: (v: number | null, s) => (v == null ? '—' : <Space size={4}><Rate disabled allowHalf value={v} style={{ fontSize: 12 }} /><span>{v.toFixed(1)}（{t('services.ratings', { n: s.ratings })}）</span></Space>) },
            ...(user.role === 'org_user' ? [{
              title: '', width: 100, render: (_v: unknown, s: Service) => <Button size="small" type="link" onClick={() => setDialog({ kind: 'request', service: s })} data-testid="service-request">{t('services.request')}</Button>,
            }] : []),
          ]}
        />
      </Card>
      <Card title={t('requests.title')} extra={<Typography.Text type="secondary">{t(`requests.scope.${user.role === 'org_user' ? 'org' : 'staff'}`)}</Typography.Text>}>
        <LoadError error={requests.error} onRetry={requests.reload} />
        <Table<Request>
          data-testid="request-table" rowKey="id" size="small" loading={requests.loading} dataSource={requests.data ?? []} scroll={{ x: 1500 }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t(user.role === 'org_user' ? 'requests.noneOrg' : 'requests.none') }}
          columns={[
            { title: t('requests.side'), dataIndex: 'side', width: 110, fixed: 'left', render: (v: Request['side']) => <Tag color={v === 'platform' ? 'purple' : v === 'requester' ? 'cyan' : undefined}>{t(`requests.side.${v}`)}</Tag> },
            { title: t('services.name'), width: 240, render: (_v, r) => <div>{r.service}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.platform}</Typography.Text></div></div> },
            { title: t('requests.status'), dataIndex: 'status', width: 120, render: (v: Request['status']) => <Tag color={STATUS_COLOR[v]}>{t(`requests.status.${v}`)}</Tag> },
            { title: t('requests.org'), dataIndex: 'org', width: 200 },
            { title: t('requests.note'), dataIndex: 'note', width: 200, render: (v: string) => v || '—' },
            { title: t('requests.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
            { title: t('requests.done'), width: 200, render: (_v, r) => (r.doneAt ? <div>{r.doneNote ?? '—'}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.doneAt)}</Typography.Text></div></div> : '—') },
            { title: t('requests.rating'), width: 200, render: (_v, r) => (r.rating == null ? '—' : <div><Rate disabled value={r.rating} style={{ fontSize: 12 }} />{r.comment && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.comment}</Typography.Text></div>}</div>) },
            {
              title: '', width: 110, fixed: 'right',
              render: (_v, r) => (
                r.status === 'requested' && r.side !== 'requester' ? <Button size="small" type="primary" ghost onClick={() => setDialog({ kind: 'done', request: r })} data-testid="request-done">{t('requests.markDone')}</Button>
                  : r.status === 'done' && r.side === 'requester' ? <Button size="small" type="primary" onClick={() => setDialog({ kind: 'rate', request: r })} data-testid="request-rate">{t('requests.rate')}</Button>
                    : r.status === 'requested' && r.side === 'requester' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('requests.waiting')}</Typography.Text> : null
              ),
            },
          ]}
        />
      </Card>
      <Modal open={!!dialog} title={dialogTitle} onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        {dialog && (
          <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={dialog.kind === 'offer' ? { carrierId: mine[0]?.id } : dialog.kind === 'rate' ? { rating: 5 } : {}} data-testid="service-dialog">
            {dialog.kind === 'request' && (
              <>
                <Typography.Paragraph>{dialog.service.platform} · {dialog.service.name}</Typography.Paragraph>
                <Form.Item name="note" label={t('requests.note')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} placeholder={t('requests.noteHint')} /></Form.Item>
              </>
            )}
            {dialog.kind === 'done' && (
              <>
                <Typography.Paragraph>{dialog.request.org} · {dialog.request.service}</Typography.Paragraph>
                <Form.Item name="note" label={t('requests.doneNote')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} placeholder={t('requests.doneHint')} /></Form.Item>
              </>
            )}
            {dialog.kind === 'rate' && (
              <>
                <Typography.Paragraph>{dialog.request.platform} · {dialog.request.service}</Typography.Paragraph>
                <Form.Item name="rating" label={t('requests.rating')} rules={[{ required: true }]}><Rate /></Form.Item>
                <Form.Item name="comment" label={t('requests.comment')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
                <Typography.Text type="secondary">{t('requests.rateOnce')}</Typography.Text>
              </>
            )}
            {dialog.kind === 'offer' && (
              <>
                <Form.Item name="carrierId" label={t('services.platform')} rules={[{ required: true }]}><Select options={mine.map((p) => ({ value: p.id, label: p.name }))} /></Form.Item>
                <Form.Item name="name" label={t('services.name')} rules={[{ required: true, min: 2, max: 200 }]}><Input /></Form.Item>
                <Form.Item name="description" label={t('services.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
                <Form.Item name="priceNote" label={t('services.price')} rules={[{ max: 200 }]}><Input placeholder={t('services.priceHint')} /></Form.Item>
              </>
            )}
          </Form>
        )}
      </Modal>
    </Space>
  );
}
