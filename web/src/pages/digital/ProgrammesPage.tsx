// Programmes (bureau and district staff): the pilot with levels before and after, subsidy and
// outcomes; cloud and platform adoption; smart-retrofit projects; the green-manufacturing list by year.
import { Tabs, Table, Tag, Typography } from 'antd';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { districtLabel } from '../../format';
import { useDigitalMessages, wan } from './messages';

type OutcomeRow = { name: string; unit: string; before: number | null; after: number | null };
type Pilot = { items: { id: string; uscc: string; name: string; district: string; cohort: string; enrolledOn: string; status: string; subsidyFen: number; benefitCode: string | null; levelBefore: number | null; levelAfter: number | null; improved: boolean | null; outcomes: OutcomeRow[]; synthetic: boolean }[] };
type Cloud = { id: string; name: string; district: string; kind: string; platform: string; adoptedOn: string; synthetic: boolean }[];
type Retrofit = { id: string; name: string; orgName: string; industry: string; year: number; investmentFen: number; benchmark: boolean; indicators: OutcomeRow[]; synthetic: boolean }[];
type Green = { years: { year: number; count: number }[]; items: { id: string; year: number; kind: string; level: string; name: string; synthetic: boolean }[] };

const outcomes = (xs: OutcomeRow[]) => xs.map((o) => `${o.name} ${o.before ?? '—'} → ${o.after ?? '—'} ${o.unit}`).join('；') || '—';

export default function ProgrammesPage() {
  const { t } = useDigitalMessages();
  const { t: tg } = useI18n();
  usePageTitle('nav.digital');
  useBreadcrumbTrail([{ title: t('tab.programmes') }]);
  const pilot = useApiGet<Pilot>('/api/digital/pilot', {}, '');
  const cloud = useApiGet<Cloud>('/api/digital/cloud-adoptions', {}, '');
  const retrofits = useApiGet<Retrofit>('/api/digital/retrofits', {}, '');
  const green = useApiGet<Green>('/api/digital/green-list', {}, '');
  const syn = (s: boolean) => (s ? <Tag>{t('dash.synthetic')}</Tag> : null);
  const lvl = (n: number | null) => (n ? t('level.n', { n }) : '—');
  return (
    <div>
      <Typography.Title level={3}>{t('tab.programmes')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'pilot', label: t('prog.pilot'),
            children: (
              <Table
                size="small" rowKey="id" loading={pilot.loading} dataSource={pilot.data?.items ?? []} scroll={{ x: 1100 }} data-testid="digital-pilot-table"
                columns={[
                  { title: t('prog.org'), key: 'org', fixed: 'left', render: (_, r) => <span>{r.name} {syn(r.synthetic)}</span> },
                  { title: t('dash.district'), key: 'district', render: (_, r) => districtLabel(tg, r.district) },
                  { title: t('prog.cohort'), dataIndex: 'cohort' },
                  { title: t('prog.enrolledOn'), dataIndex: 'enrolledOn' },
                  { title: t('col.status'), key: 'status', render: (_, r) => t(`pilot.${r.status}` as never) },
                  { title: t('prog.before'), key: 'b', render: (_, r) => lvl(r.levelBefore) },
                  { title: t('prog.after'), key: 'a', render: (_, r) => <span>{lvl(r.levelAfter)} {r.improved && <Tag color="red">↑</Tag>}</span> },
                  { title: t('dash.pilotSubsidy'), key: 's', align: 'right', render: (_, r) => wan(r.subsidyFen) },
                  { title: t('prog.outcomes'), key: 'o', render: (_, r) => outcomes(r.outcomes) },
                ]}
              />
            ),
          },
          {
            key: 'cloud', label: t('prog.cloud'),
            children: (
              <Table size="small" rowKey="id" loading={cloud.loading} dataSource={cloud.data ?? []}
                columns={[
                  { title: t('prog.org'), key: 'org', render: (_, r) => <span>{r.name} {syn(r.synthetic)}</span> },
                  { title: t('dash.district'), key: 'district', render: (_, r) => districtLabel(tg, r.district) },
                  { title: t('prog.kind'), key: 'k', render: (_, r) => t(`cloud.${r.kind}` as never) },
                  { title: t('prog.platform'), dataIndex: 'platform' },
                  { title: t('prog.adoptedOn'), dataIndex: 'adoptedOn' },
                ]}
              />
            ),
          },
          {
            key: 'retrofit', label: t('prog.retrofit'),
            children: (
              <Table size="small" rowKey="id" loading={retrofits.loading} dataSource={retrofits.data ?? []}
                columns={[
                  { title: t('prog.project'), key: 'n', render: (_, r) => <span>{r.name} {r.benchmark && <Tag color="blue">{t('prog.benchmark')}</Tag>} {syn(r.synthetic)}</span> },
                  { title: t('prog.org'), dataIndex: 'orgName' },
                  { title: t('prog.industry'), key: 'i', render: (_, r) => t(`retro.${r.industry}` as never) },
                  { title: t('prog.year'), dataIndex: 'year' },
                  { title: t('prog.investment'), key: 'inv', align: 'right', render: (_, r) => wan(r.investmentFen) },
                  { title: t('prog.outcomes'), key: 'o', render: (_, r) => outcomes(r.indicators) },
                ]}
              />
            ),
          },
          {
            key: 'green', label: t('prog.green'),
            children: (
              <>
                <Typography.Paragraph>{(green.data?.years ?? []).map((y) => t('prog.greenYear', { year: y.year, n: y.count })).join('；')}</Typography.Paragraph>
                <Table size="small" rowKey="id" loading={green.loading} dataSource={green.data?.items ?? []}
                  columns={[
                    { title: t('prog.year'), dataIndex: 'year' },
                    { title: t('prog.kind'), key: 'k', render: (_, r) => t(`green.${r.kind}` as never) },
                    { title: t('prog.org'), key: 'n', render: (_, r) => <span>{r.name} {syn(r.synthetic)}</span> },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
