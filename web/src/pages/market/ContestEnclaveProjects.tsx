// The programmes side of a contest entry's link to the marketplace: the innovation-enclave
// projects (创新飞地项目) that came through this 创新创业大赛 entry. Shown on the application page.
import { Card, List, Space, Tag, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useMarketMessages } from './messages';

interface EnclaveProject { id: string; name: string; field: string; stage: string; landedOn: string | null; landedOrg: { name: string } | null; enclave: { name: string; location: string }; synthetic: boolean }

export function ContestEnclaveProjects({ applicationId }: { applicationId: string }) {
  const { t } = useMarketMessages();
  const { data, error, reload } = useApiGet<EnclaveProject[]>(`/api/market/contest-entries/${applicationId}/enclave-projects`, {}, applicationId);
  return (
    <Card title={t('contest.projects')} data-testid="contest-enclave-projects">
      <LoadError error={error} onRetry={reload} />
      <List<EnclaveProject>
        size="small" dataSource={data ?? []} locale={{ emptyText: t('contest.none') }}
        renderItem={(p) => (
          <List.Item>
            <Space wrap>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
              <Tag color={p.stage === 'landed' ? 'green' : undefined}>{t(`stage.${p.stage}` as never)}</Tag>
              <Typography.Text type="secondary">{p.enclave.name}（{p.enclave.location}）</Typography.Text>
              {p.landedOrg && <Typography.Text type="secondary">{t('contest.landedAs', { org: p.landedOrg.name, on: p.landedOn ?? '' })}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
