// 消息中心（单位用户）: the organisation's inbox of grants and "you now qualify" alerts
// (GET /api/notices, POST /api/notices/:id/read) and the topics it opts out of
// (GET/PUT /api/notices/opt-outs).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Badge, Button, Card, Checkbox, Empty, List, Space, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { NOTICES_CHANGED } from '../../layout/NotificationsBell';
import { hasPolicyKey, usePolicyMessages } from './messages';
import type { Bilingual } from './types';

export interface Notice { id: string; topic: string; kind: string; title: Bilingual; body: Bilingual; createdAt: string; read: boolean }
/** Topics an organisation may opt out of (the benefits' topics). */
const TOPICS = ['tax', 'subsidy', 'qualification', 'finance', 'talent'] as const;

export default function InboxPage() {
  const { t, locale } = usePolicyMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  usePageTitle('nav.policies');
  useBreadcrumbTrail([{ title: t('inbox.title') }]);
  const [params] = useSearchParams();
  const { data, error, loading, reload } = useApiGet<Notice[]>('/api/notices', {}, '');
  const [open, setOpen] = useState<string | null>(params.get('notice'));
  const [optOuts, setOptOuts] = useState<string[] | null>(null);
  const [savingOpt, setSavingOpt] = useState(false);
  useEffect(() => { api.get<{ topics: string[] }>('/api/notices/opt-outs').then((r) => setOptOuts(r.topics)).catch(() => setOptOuts([])); }, []);

  const markRead = async (n: Notice) => {
    setOpen(n.id);
    if (n.read) return;
    try {
      await api.post(`/api/notices/${n.id}/read`);
      window.dispatchEvent(new Event(NOTICES_CHANGED));
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };
  // Opened from the bell: that notice is read.
  useEffect(() => {
    const n = data?.find((x) => x.id === params.get('notice'));
    if (n && !n.read) void markRead(n);
  }, [data, params.get('notice')]);

  const saveOptOuts = async (topics: string[]) => {
    setSavingOpt(true);
    try {
      const r = await api.put<{ topics: string[] }>('/api/notices/opt-outs', { topics });
      setOptOuts(r.topics);
      message.success(t('inbox.optSaved'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSavingOpt(false);
    }
  };
  const tk = (k: string, fallback: string) => (hasPolicyKey(k) ? t(k) : fallback);
  const unread = data?.filter((n) => !n.read).length ?? 0;
  const known = new Set<string>([...TOPICS, ...(data ?? []).map((n) => n.topic), ...(optOuts ?? [])]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('inbox.title')} <Badge count={unread} data-testid="inbox-unread" /></Typography.Title>
        <Typography.Text type="secondary">{t('inbox.subtitle')}</Typography.Text>
      </Card>
      <Card>
        <LoadError error={error} onRetry={reload} />
        <List<Notice>
          data-testid="inbox-list" loading={loading && !data} dataSource={data ?? []}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          pagination={(data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          renderItem={(n) => (
            <List.Item
              data-testid="inbox-item" onClick={() => markRead(n)} style={{ cursor: 'pointer', background: open === n.id ? '#f0f5ff' : undefined, paddingInline: 12 }}
              extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{new Date(n.createdAt).toLocaleString(en ? 'en-GB' : 'zh-CN', { hour12: false })}</Typography.Text>}
            >
              <List.Item.Meta
                title={<Space>{!n.read && <Badge status="processing" />}<Typography.Text strong={!n.read}>{en ? n.title.en : n.title.zh}</Typography.Text><Tag>{tk(`inbox.kind.${n.kind}`, n.kind)}</Tag><Tag color="blue">{tk(`inbox.topic.${n.topic}`, n.topic)}</Tag></Space>}
                description={open === n.id ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="inbox-body">{en ? n.body.en : n.body.zh}</Typography.Paragraph> : <Typography.Text type="secondary" ellipsis>{en ? n.body.en : n.body.zh}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('inbox.optTitle')} data-testid="inbox-optouts">
        <Typography.Paragraph type="secondary">{t('inbox.optHint')}</Typography.Paragraph>
        {optOuts && (
          <Space direction="vertical">
            <Checkbox.Group
              value={optOuts} disabled={savingOpt}
              options={[...known].map((k) => ({ value: k, label: tk(`inbox.topic.${k}`, k) }))}
              onChange={(v) => setOptOuts(v as string[])}
            />
            <Button onClick={() => saveOptOuts(optOuts)} loading={savingOpt} data-testid="inbox-opt-save">{t('inbox.optSave')}</Button>
          </Space>
        )}
      </Card>
    </Space>
  );
}
