// The shell's bell: unread counts and the latest items of the organisation's inbox
// (GET /api/notices, org users only) and of programme notifications (GET /api/programmes/notifications,
// every signed-in role), each linking to its page. Opening an inbox notice marks it read on the
// server (POST /api/notices/:id/read); programme notifications have no read state on the server,
// so the ones opened are remembered in this browser (localStorage, per user).
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { useI18n } from '../i18n';

/** Fired (on window) by pages that read a notice, so the bell refreshes at once. */
export const NOTICES_CHANGED = 'luchuang:notices-changed';

type Bi = { zh: string; en: string };
interface Item { key: string; source: 'notice' | 'programme'; id: string; title: Bi; createdAt: string; read: boolean; to: string }

const readKey = (user: string) => `luchuang.programmeNotificationsRead.${user}`;
function readIds(user: string): Set<string> {
  try { return new Set(JSON.parse(localStorage.getItem(readKey(user)) ?? '[]') as string[]); } catch { return new Set(); }
}
function remember(user: string, id: string) {
  const ids = [...readIds(user), id].slice(-500);
  try { localStorage.setItem(readKey(user), JSON.stringify(ids)); } catch { /* storage full or blocked: the bell still works */ }
}

function programmeLink(role: string, n: { entityType: string; entityId: string }): string {
  if (n.entityType === 'programme_project') return `/programmes/projects/${n.entityId}`;
  if (n.entityType === 'programme_call') return `/programmes/calls/${n.entityId}`;
  // A reviewer's notice names the application, but reviewers open their assignments from the inbox.
  if (n.entityType === 'programme_application' && role !== 'reviewer') return `/programmes/applications/${n.entityId}`;
  return '/programmes';
}

export function NotificationsBell() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [items, setItems] = useState<Item[]>([]);
  const [open, setOpen] = useState(false);
  const orgUser = user.role === 'org_user';

  const load = useCallback(async () => {
    const [notices, programme] = await Promise.all([
      orgUser ? api.get<{ id: string; title: Bi; createdAt: string; read: boolean }[]>('/api/notices').catch(() => []) : Promise.resolve([]),
      api.get<{ id: string; entityType: string; entityId: string; title: Bi; createdAt: string }[]>('/api/programmes/notifications').catch(() => []),
    ]);
    const seen = readIds(user.username);
    setItems([
      ...notices.map((n): Item => ({ key: `n:${n.id}`, source: 'notice', id: n.id, title: n.title, createdAt: n.createdAt, read: n.read, to: `/policies/inbox?notice=${n.id}` })),
      ...programme.map((n): Item => ({ key: `p:${n.id}`, source: 'programme', id: n.id, title: n.title, createdAt: n.createdAt, read: seen.has(n.id), to: programmeLink(user.role, n) })),
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }, [orgUser, user.username, user.role]);

  useEffect(() => { void load(); }, [load, pathname]);
  useEffect(() => {
    const again = () => { void load(); };
    window.addEventListener(NOTICES_CHANGED, again);
    const timer = window.setInterval(again, 60_000);
    return () => { window.removeEventListener(NOTICES_CHANGED, again); window.clearInterval(timer); };
  }, [load]);

  const unread = items.filter((i) => !i.read).length;
  const openItem = async (i: Item) => {
    setOpen(false);
    if (!i.read) {
      if (i.source === 'notice') await api.post(`/api/notices/${i.id}/read`).catch(() => undefined);
      else remember(user.username, i.id);
      setItems((all) => all.map((x) => (x.key === i.key ? { ...x, read: true } : x)));
    }
    navigate(i.to);
  };
  const markAll = () => {
    for (const i of items) if (!i.read && i.source === 'programme') remember(user.username, i.id);
    setItems((all) => all.map((x) => (x.source === 'programme' ? { ...x, read: true } : x)));
  };
  const zh = locale === 'zh-CN';
  const latest = items.slice(0, 8);

  const content = (
    <div style={{ width: 340 }} data-testid="notifications-panel">
      {latest.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div>{t('shell.noNotifications')}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('shell.noNotificationsHint')}</Typography.Text>
            </>
          }
        />
      ) : (
        <List<Item>
          size="small"
          dataSource={latest}
          renderItem={(i) => (
            <List.Item data-testid="notification-item" onClick={() => { void openItem(i); }} style={{ cursor: 'pointer', paddingInline: 4 }}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space size={6}>
                  {!i.read && <Badge status="processing" />}
                  <Typography.Text strong={!i.read} ellipsis style={{ maxWidth: 280 }}>{zh ? i.title.zh : i.title.en}</Typography.Text>
                </Space>
                <Space size={6}>
                  <Tag bordered={false} style={{ fontSize: 11 }}>{t(i.source === 'notice' ? 'shell.notificationInbox' : 'shell.notificationProgrammes')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>{new Date(i.createdAt).toLocaleString(zh ? 'zh-CN' : 'en-GB', { hour12: false })}</Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" onClick={() => { setOpen(false); navigate(orgUser ? '/policies/inbox' : '/programmes'); }}>{t('shell.notificationsAll')}</Button>
        {items.some((i) => !i.read && i.source === 'programme') && <Button size="small" type="link" onClick={markAll}>{t('shell.notificationsMarkRead')}</Button>}
      </Space>
    </div>
  );
  return (
    <Popover title={t('shell.notifications')} content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={t('shell.notificationsUnread', { count: unread })} data-testid="notifications">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
        <span data-testid="notifications-count" data-count={unread} hidden>{unread}</span>
      </Button>
    </Popover>
  );
}
