// Every change of one fiscal year's facts, newest first.
import { useEffect, useState } from 'react';
import { Drawer, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { formatDateTime } from '../../format';
import { factDef } from './facts';
import { factLabel, formatFact, sourceKindLabel } from './format';
import { useRegistryMessages } from './messages';
import type { FactChange } from './types';

export function FactsHistoryDrawer({ uscc, year, onClose }: { uscc: string; year: number | null; onClose: () => void }) {
  const { t, locale } = useRegistryMessages();
  const [items, setItems] = useState<FactChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (year === null) return;
    let cancelled = false;
    setItems(null);
    setError(null);
    api
      .get<FactChange[]>(`/api/orgs/${encodeURIComponent(uscc)}/facts/${year}/history`)
      .then((result) => {
        if (!cancelled) setItems(result);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof ApiError ? caught.detail : String(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [uscc, year, attempt]);

  const show = (field: string, value: unknown) => {
    const def = factDef(field);
    if (!def) return value === null || value === undefined ? '—' : String(value);
    return formatFact(def, value as number | boolean | null, t);
  };

  return (
    <Drawer open={year !== null} onClose={onClose} width={880} title={year !== null ? t('facts.historyTitle', { year }) : ''} data-testid="facts-history">
      <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />
      <Table<FactChange>
        rowKey={(row, index) => `${row.at}-${row.field}-${index}`}
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={(items?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('facts.historyEmpty') }}
        columns={[
          {
            title: t('facts.field'),
            dataIndex: 'field',
            width: 260,
            render: (field: string) => {
              const def = factDef(field);
              return def ? factLabel(def, locale, t) : <span className="lc-mono">{field}</span>;
            },
          },
          { title: t('facts.oldValue'), dataIndex: 'oldValue', align: 'right', width: 120, render: (value: unknown, row) => show(row.field, value) },
          { title: t('facts.newValue'), dataIndex: 'newValue', align: 'right', width: 120, render: (value: unknown, row) => show(row.field, value) },
          {
            title: t('facts.source'),
            dataIndex: 'source',
            width: 200,
            render: (source: FactChange['source']) => (
              <>
                <Tag>{sourceKindLabel(t, source.kind)}</Tag>
                <span className="lc-mono">{source.actor}</span>
                {source.ref && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {source.ref}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('facts.changedAt'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
        ]}
      />
    </Drawer>
  );
}
