// Small shared pieces: status tags and the call card.
import { Descriptions, List, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { fmtTime, useProgrammeMessages, yuan, type ProgrammeKey } from './messages';
import type { Call } from './types';

const WINDOW_COLOR: Record<string, string> = { open: 'green', upcoming: 'blue', closed: 'default', draft: 'orange', cancelled: 'red' };
const APP_COLOR: Record<string, string> = { draft: 'default', submitted: 'blue', returned: 'orange', eligible: 'cyan', ineligible: 'red', under_review: 'purple', awarded: 'green', rejected: 'red', withdrawn: 'default' };

export function WindowTag({ window }: { window: string }) {
  const { t } = useProgrammeMessages();
  return <Tag color={WINDOW_COLOR[window]}>{t(`window.${window}` as ProgrammeKey)}</Tag>;
}

export function AppStatusTag({ status }: { status: string }) {
  const { t } = useProgrammeMessages();
  return <Tag color={APP_COLOR[status]} data-testid="app-status">{t(`app.status.${status}` as ProgrammeKey)}</Tag>;
}

export function ProjectStatusTag({ status }: { status: string }) {
  const { t } = useProgrammeMessages();
  return <Tag color={status === 'accepted' || status === 'active' ? 'green' : status === 'agreement_pending' ? 'blue' : 'red'}>{t(`proj.status.${status}` as ProgrammeKey)}</Tag>;
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useProgrammeMessages();
  return <Tag color={kind === 'open_challenge' ? 'volcano' : kind === 'contest' ? 'gold' : 'geekblue'}>{t(`kind.${kind}` as ProgrammeKey)}</Tag>;
}

/** The call's essentials and, for an open challenge, its problem, goals, bounty and milestones. */
export function CallDetails({ call }: { call: Call }) {
  const { t } = useProgrammeMessages();
  const { locale } = useI18n();
  const zh = locale === 'zh-CN';
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('col.kind')}><KindTag kind={call.kind} /> {call.programmeName}{call.round ? ` · ${call.round}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('col.window')}><WindowTag window={call.window} /></Descriptions.Item>
        <Descriptions.Item label={t('col.closes')}>{fmtTime(call.closesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('col.budget')}>{yuan(call.budgetFen)}</Descriptions.Item>
        <Descriptions.Item label={t('col.maxAward')}>{yuan(call.maxAwardFen)}</Descriptions.Item>
        <Descriptions.Item label={t('col.eligibility')}><Typography.Text code>{call.eligibility || '—'}</Typography.Text></Descriptions.Item>
      </Descriptions>
      {call.summary && <Typography.Paragraph style={{ marginTop: 12 }}>{call.summary}</Typography.Paragraph>}
      {call.challenge && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} data-testid="challenge">
          <Descriptions.Item label={t('challenge.problem')}>{call.challenge.problem}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.goals')}>{call.challenge.goals.join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('challenge.bounty')}>{yuan(call.challenge.bountyFen)} · {t('challenge.solvers', { n: call.challenge.maxSolvers })}</Descriptions.Item>
          {call.leadOrgName && <Descriptions.Item label={t('challenge.lead')}>{call.leadOrgName}</Descriptions.Item>}
          <Descriptions.Item label={t('challenge.milestones')}>
            <List size="small" dataSource={call.challenge.milestones} renderItem={(m) => <List.Item>{zh ? m.title.zh : m.title.en} · {m.dueOn} · {(m.shareBp / 100).toFixed(1)}%</List.Item>} />
          </Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}
