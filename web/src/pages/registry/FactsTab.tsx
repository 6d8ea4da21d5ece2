// 年度数据: fiscal years as columns, the fact catalogue as rows grouped by group; money in
// 万元. Each value shows its source on hover; plausibility warnings are listed and marked.
import { useMemo, useState } from 'react';
import { Alert, Button, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, HistoryOutlined, WarningOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../format';
import { FACT_GROUPS, factsOfGroup, type FactDef, type FactGroup } from './facts';
import { FactsEditDrawer } from './FactsEditDrawer';
import { FactsHistoryDrawer } from './FactsHistoryDrawer';
import { factLabel, formatFact, sourceKindLabel } from './format';
import { useRegistryMessages } from './messages';
import type { FactSource, YearFacts } from './types';

type Row = { key: string; kind: 'group'; group: FactGroup } | { key: string; kind: 'fact'; def: FactDef };

function SourceTip({ source }: { source: FactSource }) {
  const { t } = useRegistryMessages();
  return (
    <div style={{ lineHeight: 1.7 }}>
      <div>
        {t('facts.source')}：{sourceKindLabel(t, source.kind)}
      </div>
      {source.ref && (
        <div>
          {t('facts.sourceRef')}：{source.ref}
        </div>
      )}
      <div>
        {t('facts.sourceAt')}：{formatDateTime(source.at)}
      </div>
      <div>
        {t('facts.sourceActor')}：{source.actor}
      </div>
    </div>
  );
}

export function FactsTab({ uscc, years, onChanged }: { uscc: string; years: YearFacts[]; onChanged: () => void }) {
  const { t, locale } = useRegistryMessages();
  const [editing, setEditing] = useState<{ year: number | null } | null>(null);
  const [historyYear, setHistoryYear] = useState<number | null>(null);
  // Newest year first, as a bureau reader compares the latest with the ones before.
  const ordered = useMemo(() => [...years].sort((a, b) => b.fiscalYear - a.fiscalYear), [years]);

  const rows: Row[] = useMemo(
    () =>
      FACT_GROUPS.flatMap((group) => [
        { key: `group:${group}`, kind: 'group' as const, group },
        ...factsOfGroup(group).map((def) => ({ key: def.key, kind: 'fact' as const, def })),
      ]),
    [],
  );

  const warnings = ordered.flatMap((year) => year.warnings.map((warning) => ({ ...warning, fiscalYear: year.fiscalYear })));

  const columns: TableColumnsType<Row> = [
    {
      title: t('facts.field'),
      key: 'field',
      fixed: ordered.length > 5 ? 'left' : undefined,
      width: 320,
      onCell: (row) => (row.kind === 'group' ? { colSpan: ordered.length + 1 } : {}),
      render: (_value, row) =>
        row.kind === 'group' ? (
          <Typography.Text strong>{t(`group.${row.group}`)}</Typography.Text>
        ) : (
          <span style={{ paddingLeft: 12, display: 'inline-block' }}>{factLabel(row.def, locale, t)}</span>
        ),
    },
    ...ordered.map((year) => ({
      key: String(year.fiscalYear),
      width: 150,
      align: 'right' as const,
      title: (
        <Space size={0} direction="vertical" style={{ alignItems: 'flex-end' }}>
          <span>{t('fiscalYear', { year: year.fiscalYear })}</span>
          <Space size={0}>
            <Tooltip title={t('facts.edit')}>
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ year: year.fiscalYear })} aria-label={t('facts.edit')} />
            </Tooltip>
            <Tooltip title={t('facts.history')}>
              <Button
                type="link"
                size="small"
                icon={<HistoryOutlined />}
                onClick={() => setHistoryYear(year.fiscalYear)}
                aria-label={t('facts.history')}
                data-testid={`facts-history-${year.fiscalYear}`}
              />
            </Tooltip>
          </Space>
        </Space>
      ),
      onCell: (row: Row) => (row.kind === 'group' ? { colSpan: 0 } : {}),
      render: (_value: unknown, row: Row) => {
        if (row.kind === 'group') return null;
        const value = year.facts[row.def.key];
        const text = formatFact(row.def, value, t);
        const source = year.sources[row.def.key];
        const warning = year.warnings.find((w) => w.field === row.def.key);
        const cell = (
          <span style={{ fontVariantNumeric: 'tabular-nums', color: warning ? '#d46b08' : undefined, cursor: source ? 'help' : undefined }}>
            {warning && <WarningOutlined style={{ marginRight: 4 }} />}
            {text}
          </span>
        );
        if (!source && !warning) return cell;
        return (
          <Tooltip
            title={
              <>
                {warning && <div style={{ marginBottom: source ? 6 : 0 }}>{warning.message}</div>}
                {source && <SourceTip source={source} />}
              </>
            }
          >
            {cell}
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="facts-tab">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary" style={{ flex: 1 }}>
          {t('facts.moneyNote')}
        </Typography.Text>
        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing({ year: ordered[0]?.fiscalYear ?? null })} data-testid="facts-edit">
          {t('facts.edit')}
        </Button>
      </div>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('facts.warnings')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {warnings.map((warning) => (
                <li key={`${warning.fiscalYear}-${warning.field}-${warning.code}`}>
                  {t('fiscalYear', { year: warning.fiscalYear })}：{warning.message}
                </li>
              ))}
            </ul>
          }
          data-testid="facts-warnings"
        />
      )}
      {ordered.length === 0 ? (
        <Alert type="info" showIcon message={t('facts.empty')} />
      ) : (
        <Table<Row>
          rowKey="key"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          pagination={false}
          // Many years scroll sideways behind the fixed indicator column.
          scroll={ordered.length > 5 ? { x: 320 + ordered.length * 150 } : undefined}
          sticky={{ offsetHeader: 64 }}
          rowClassName={(row) => (row.kind === 'group' ? 'lc-group-row' : '')}
          data-testid="facts-table"
        />
      )}
      <FactsEditDrawer
        open={editing !== null}
        uscc={uscc}
        years={years}
        initialYear={editing?.year ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
      <FactsHistoryDrawer uscc={uscc} year={historyYear} onClose={() => setHistoryYear(null)} />
    </Space>
  );
}
