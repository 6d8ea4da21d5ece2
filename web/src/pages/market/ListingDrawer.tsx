// One listing's details in a drawer (works on the public page too), and, for brokers (bureau and
// district staff), the follow-up notes they keep on it (跟进记录).
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Empty, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { formatDateTime } from '../../format';
import { named, useMarketMessages, wan } from './messages';
import type { Achievement, Demand, FollowUp } from './types';

export function ListingDrawer({ kind, id, onClose }: { kind: 'achievement' | 'demand'; id: string | null; onClose: () => void }) {
  const { t, locale } = useMarketMessages();
  const { user } = useAuth();
  const broker = user?.role === 'bureau_admin' || user?.role === 'district_officer';
  const [listing, setListing] = useState<{ data: Achievement | Demand | null; error: string | null }>({ data: null, error: null });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    setListing({ data: null, error: null });
    api.get<Achievement | Demand>(`/api/market/${kind}s/${id}`)
      .then((data) => { if (!cancelled) setListing({ data, error: null }); })
      .catch((e: unknown) => { if (!cancelled) setListing({ data: null, error: e instanceof ApiError ? e.detail : String(e) }); });
    return () => { cancelled = true; };
  }, [kind, id, reloads]);
  const item = id && listing.data?.id === id ? listing.data : null;
  const a = kind === 'achievement' ? (item as Achievement | null) : null;
  const d = kind === 'demand' ? (item as Demand | null) : null;
  const link = item?.chainLink ? `${named(item.chainLink.chain, locale)} · ${named(item.chainLink.name, locale)}` : '—';
  return (
    <Drawer width={640} open={!!id} onClose={onClose} title={a?.title ?? d?.problem ?? ''} data-testid="listing-drawer">
      <LoadError error={listing.error} onRetry={() => setReloads((n) => n + 1)} />
      {item && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Tag>{t(`fieldName.${item.field}` as never)}</Tag>
            {item.status === 'closed' && <Tag>{t('status.closed')}</Tag>}
            {item.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
          </Space>
          <Descriptions column={1} size="small" bordered labelStyle={{ width: 160 }}>
            <Descriptions.Item label={t('col.org')}>{item.org?.name ?? '—'}</Descriptions.Item>
            {a && <Descriptions.Item label={t('form.abstract')}>{a.abstract || '—'}</Descriptions.Item>}
            {d && <Descriptions.Item label={t('form.goals')}>{d.goals || '—'}</Descriptions.Item>}
            <Descriptions.Item label={t('col.link')}>{link}</Descriptions.Item>
            {a && <Descriptions.Item label={t('col.trl')}>TRL {a.trl}</Descriptions.Item>}
            {a && <Descriptions.Item label={t('form.ipKind')}>{t(`ip.${a.ipKind ?? 'none'}` as never)}{a.ipRefs?.length ? ` · ${a.ipRefs.join('、')}` : ''}</Descriptions.Item>}
            {a && <Descriptions.Item label={t('col.mode')}>{a.transferModes.map((m) => t(`mode.${m}` as never)).join('、')}</Descriptions.Item>}
            {a && <Descriptions.Item label={t('col.price')}>{a.priceMinFen == null ? t('negotiable') : a.priceMaxFen && a.priceMaxFen !== a.priceMinFen ? `${wan(a.priceMinFen)}–${wan(a.priceMaxFen)}` : wan(a.priceMinFen)}</Descriptions.Item>}
            {d && <Descriptions.Item label={t('col.trlMin')}>TRL {d.trlMin}</Descriptions.Item>}
            {d && <Descriptions.Item label={t('col.budget')}>{wan(d.budgetFen)}</Descriptions.Item>}
            {d && <Descriptions.Item label={t('col.deadline')}>{d.deadline ?? '—'}</Descriptions.Item>}
            <Descriptions.Item label={t('col.published')}>{item.createdAt?.slice(0, 10) ?? '—'}</Descriptions.Item>
          </Descriptions>
          {broker && <Link to={`/market/${kind}s/${item.id}/matches`}>{t('mine.matches')}</Link>}
          {broker && <FollowUps kind={kind} id={item.id} />}
        </Space>
      )}
    </Drawer>
  );
}

/** Brokers' follow-up notes on a listing: newest first, and a form to add one. */
export function FollowUps({ kind, id }: { kind: 'achievement' | 'demand'; id: string }) {
  const { t } = useMarketMessages();
  const { message } = App.useApp();
  const notes = useApiGet<FollowUp[]>(`/api/market/${kind}s/${id}/follow-ups`, {}, id);
  const [form] = Form.useForm<{ note: string; nextStep?: string }>();
  const [saving, setSaving] = useState(false);
  const add = async (v: { note: string; nextStep?: string }) => {
    setSaving(true);
    try {
      await api.post(`/api/market/${kind}s/${id}/follow-ups`, { note: v.note, nextStep: v.nextStep?.trim() || null });
      form.resetFields();
      notes.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="follow-ups">
      <Typography.Title level={5}>{t('follow.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('follow.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={add}>
        <Form.Item name="note" label={t('follow.note')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={2} data-testid="follow-note" /></Form.Item>
        <Form.Item name="nextStep" label={t('follow.next')} rules={[{ max: 500 }]}><Input /></Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="follow-add">{t('follow.add')}</Button>
      </Form>
      <LoadError error={notes.error} onRetry={notes.reload} />
      <div style={{ marginTop: 16 }}>
        {notes.data && notes.data.length === 0 ? <Empty description={t('follow.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
          <Timeline items={(notes.data ?? []).map((f) => ({
            children: (
              <div data-testid="follow-item">
                <Typography.Text type="secondary">{formatDateTime(f.at)} · {f.broker}</Typography.Text>
                <div>{f.note}</div>
                {f.nextStep && <Typography.Text type="secondary">{t('follow.nextShort', { step: f.nextStep })}</Typography.Text>}
              </div>
            ),
          }))} />
        )}
      </div>
    </div>
  );
}
