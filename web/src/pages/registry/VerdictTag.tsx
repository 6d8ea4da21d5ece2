// A verdict as a tag in neutral status colours (not the red-rise/green-fall convention):
// 符合 success, 不符合 error, 待补充数据 warning, 需专家评审 processing.
import { Tag } from 'antd';
import { isVerdict, VERDICT_STATUS, type Verdict } from './health';
import { useHealthMessages } from './healthMessages';

export function VerdictTag({ verdict }: { verdict: Verdict | string }) {
  const { t: h } = useHealthMessages();
  if (!isVerdict(verdict)) return <Tag style={{ marginInlineEnd: 0 }}>{verdict}</Tag>;
  return (
    <Tag color={VERDICT_STATUS[verdict]} style={{ marginInlineEnd: 0 }} data-testid={`verdict-${verdict}`}>
      {h(`verdict.${verdict}`)}
    </Tag>
  );
}
