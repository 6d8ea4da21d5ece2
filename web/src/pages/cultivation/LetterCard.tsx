// The bureau letter's yearly counts (厦科函〔2025〕84号) beside the same counts from the registry:
// the letter's figure with its source, the platform's count with its definition and years,
// the difference and why it exists.
import { Card, Space, Table, Tag, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useCultivationMessages } from './messages';
import { formatCount, type LetterComparison, type LetterItem } from './types';

const PERIOD_ZH: Record<string, string> = { 'since the 14th FYP': '“十四五”以来' };

export function LetterCard() {
  const { t: c, locale } = useCultivationMessages();
  const en = locale === 'en-US';
  const { data, loading, error, reload } = useApiGet<LetterComparison>('/api/cultivation/letter', {}, '');
  const pick = (text: { zh: string; en: string }) => (en ? text.en : text.zh);
  return (
    <Card title={c('letter.title')} data-testid="letter-card">
      <LoadError error={error} onRetry={reload} />
      <Table<LetterItem>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        columns={[
          { title: c('letter.indicator'), key: 'title', width: 220, render: (_, i) => pick(i.title) },
          {
            title: c('letter.letterValue'), key: 'letter', width: 170, align: 'right',
            render: (_, i) => (
              <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
                <strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`letter-value-${i.id}`}>{formatCount(i.letter.value)} {en ? '' : i.letter.unit}</strong>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{en ? i.period : (PERIOD_ZH[i.period] ?? `${i.period} 年`)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: c('letter.platformValue'), key: 'platform', width: 200, align: 'right',
            render: (_, i) => (
              <Space direction="vertical" size={2} style={{ alignItems: 'flex-end' }}>
                <strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`platform-value-${i.id}`}>{formatCount(i.platform.value)} {en ? '' : i.letter.unit}</strong>
                {i.platform.byYear && i.platform.byYear.length > 0 && (
                  <Space size={2} wrap style={{ justifyContent: 'flex-end' }}>
                    {i.platform.byYear.map((y) => <Tag key={y.year} style={{ marginInlineEnd: 0, fontSize: 11 }}>{y.year}: {formatCount(y.value)}</Tag>)}
                  </Space>
                )}
              </Space>
            ),
          },
          {
            title: c('letter.difference'), key: 'diff', width: 110, align: 'right',
            render: (_, i) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{i.difference > 0 ? '+' : ''}{formatCount(i.difference)}</span>,
          },
          { title: c('letter.explanation'), key: 'why', render: (_, i) => <Typography.Text style={{ fontSize: 13 }}>{pick(i.explanation)}</Typography.Text> },
        ]}
      />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }} data-testid="letter-source">
          {c('letter.source', { title: en ? data.source.titleEn : data.source.titleZh, docNo: data.source.docNo, date: data.source.date })}
          {data.district && ` ${c('letter.districtOnly')}`}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
