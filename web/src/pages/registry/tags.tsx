import { Space, Tag, Tooltip } from 'antd';
import { useRegistryMessages } from './messages';
import type { QualificationKind } from './types';

export function SyntheticTag() {
  const { t } = useRegistryMessages();
  return (
    <Tooltip title={t('syntheticHint')}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="synthetic-tag">
        {t('synthetic')}
      </Tag>
    </Tooltip>
  );
}

// The tiers stand out; the rest are plain.
const QUALIFICATION_COLORS: Partial<Record<QualificationKind, string>> = {
  hnte: 'blue',
  tech_sme: 'cyan',
  innovative_sme: 'geekblue',
  srdi_sme: 'purple',
  little_giant: 'magenta',
  tech_leader: 'red',
};

/** Short tags for active qualifications, with the full name on hover. */
export function QualificationTags({ kinds }: { kinds: readonly QualificationKind[] }) {
  const { t } = useRegistryMessages();
  return (
    <Space size={[0, 4]} wrap>
      {kinds.map((kind) => (
        <Tooltip key={kind} title={t(`qual.${kind}`)}>
          <Tag color={QUALIFICATION_COLORS[kind]}>{t(`qualShort.${kind}`)}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
