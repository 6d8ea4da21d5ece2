import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Avatar, Badge, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { LockOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import type { Health, User } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { useI18n, usePageTitle, type Translate } from '../../i18n';
import { canOpen, moduleDescriptionKey, moduleLabelKey, MODULES } from '../../modules';
import { districtLabel, roleLabel } from '../../format';
import { ModuleIcon } from '../../layout/moduleIcons';

function scopeLabel(t: Translate, user: User): string {
  if (user.district) return districtLabel(t, user.district);
  if (user.role === 'bureau_admin') return t('scope.city');
  return t('common.none');
}

function WelcomeCard() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <Card style={{ height: '100%' }} styles={{ body: { height: '100%', display: 'flex', alignItems: 'center' } }}>
      <Space align="start" size={20}>
        <Avatar size={64} style={{ background: '#1558d6', fontSize: 28, flex: 'none' }}>
          {user.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="welcome">
            {t('home.welcome', { name: user.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
            {t('home.today', { date: dayjs().format(t('home.dateFormat')) })}
          </Typography.Paragraph>
          <Descriptions column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" style={{ maxWidth: 560 }}>
            <Descriptions.Item label={t('home.username')}>{user.username}</Descriptions.Item>
            <Descriptions.Item label={t('home.role')}>
              <Tag color="blue">{roleLabel(t, user.role)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.scope')}>{scopeLabel(t, user)}</Descriptions.Item>
            <Descriptions.Item label={t('home.org')}>{user.orgId ?? t('common.none')}</Descriptions.Item>
          </Descriptions>
        </div>
      </Space>
    </Card>
  );
}

function StatusCard() {
  const { t } = useI18n();
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    setHealth(null);
    api
      .get<Health>('/api/health')
      .then(setHealth)
      .catch((caught: unknown) => setError(caught instanceof ApiError ? caught.detail : String(caught)));
  }, []);

  useEffect(load, [load]);

  let body;
  if (error) {
    body = (
      <Alert
        type="error"
        showIcon
        message={t('home.statusDown')}
        description={error}
        action={
          <Button size="small" onClick={load}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (!health) {
    body = <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  } else {
    const ok = health.status === 'ok';
    const database =
      health.database === 'pglite' ? t('home.databasePglite') : health.database === 'postgresql' ? t('home.databasePostgresql') : health.database;
    body = (
      <Descriptions column={1} size="small" data-testid="health">
        <Descriptions.Item label={t('home.status')}>
          <Badge status={ok ? 'success' : 'error'} text={ok ? t('home.statusOk') : t('home.statusDown')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('home.database')}>{database}</Descriptions.Item>
        <Descriptions.Item label={t('home.schemaVersion')}>{health.schemaVersion}</Descriptions.Item>
        <Descriptions.Item label={t('home.version')}>
          <span className="lc-mono">{health.version}</span>
        </Descriptions.Item>
      </Descriptions>
    );
  }

  return (
    <Card title={t('home.statusTitle')} style={{ height: '100%' }}>
      {body}
    </Card>
  );
}

function Shortcuts() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const shortcuts = MODULES.filter((module) => moduleDescriptionKey(module, user.role) && canOpen(module, user.role)).map((module) => {
    const descriptionKey = moduleDescriptionKey(module, user.role);
    return {
      key: module.key,
      path: module.path,
      icon: <ModuleIcon moduleKey={module.key} />,
      title: t(moduleLabelKey(module, user.role)),
      description: descriptionKey ? t(descriptionKey) : '',
    };
  });
  shortcuts.push({
    key: 'password',
    path: '/account/password',
    icon: <LockOutlined />,
    title: t('nav.changePassword'),
    description: t('home.shortcutPassword'),
  });

  return (
    <Card title={t('home.shortcuts')}>
      <Row gutter={[16, 16]}>
        {shortcuts.map((shortcut) => (
          <Col key={shortcut.key} xs={24} md={12} xl={8}>
            <Link to={shortcut.path}>
              <Card hoverable size="small" styles={{ body: { display: 'flex', alignItems: 'center', gap: 12 } }}>
                <Avatar shape="square" style={{ background: '#e8f0ff', color: '#1558d6', flex: 'none' }} icon={shortcut.icon} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong>{shortcut.title}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                    {shortcut.description}
                  </Typography.Text>
                </div>
                <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function HomePage() {
  usePageTitle('nav.home');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <WelcomeCard />
        </Col>
        <Col xs={24} xl={9}>
          <StatusCard />
        </Col>
      </Row>
      <Shortcuts />
    </Space>
  );
}
