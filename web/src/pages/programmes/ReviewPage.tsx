// Blind scoring by rubric: the reviewer sees the application without the applicant's identity,
// and never another reviewer's scores.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Space, Typography, message } from 'antd';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { useProgrammeMessages, yuan } from './messages';
import type { Application } from './types';

interface Review { id: string; status: string; scores: Record<string, number> | null; comment: string | null; total: number | null; application: Application }

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useProgrammeMessages();
  const { locale } = useI18n();
  usePageTitle('nav.programmes');
  const { data, error, reload } = useApiGet<Review>(`/api/programmes/reviews/${id}`, {}, id);
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  useEffect(() => { if (data) { setScores(data.scores ?? {}); setComment(data.comment ?? ''); } }, [data]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const a = data.application;
  const label = (b: { zh: string; en: string }) => (locale === 'zh-CN' ? b.zh : b.en);
  const submit = async () => {
    try { await api.post(`/api/programmes/reviews/${id}/score`, { scores, comment }); message.success(t('rev.saved')); reload(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={a.title} extra={<Link to="/programmes"><Button>{t('back')}</Button></Link>}>
        {a.call.blind && <Alert type="info" showIcon message={t('rev.blind')} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('col.call')}>{a.call.title}</Descriptions.Item>
          {!a.call.blind && <Descriptions.Item label={t('col.org')}>{a.orgName}</Descriptions.Item>}
          <Descriptions.Item label={t('col.requested')}>{yuan(a.requestedFen)}</Descriptions.Item>
          {a.call.form.fields.map((f) => <Descriptions.Item key={f.key} label={label(f.label)}>{a.answers[f.key] ?? '—'}</Descriptions.Item>)}
        </Descriptions>
        <List size="small" header={t('ws.attachments')} dataSource={a.attachments} renderItem={(x) => <List.Item><a href={`/api/programmes/attachments/${x.id}`}>{x.fileName}</a></List.Item>} />
      </Card>
      <Card title={t('rev.score')}>
        <Form layout="vertical">
          {a.call.rubric.criteria.map((c) => (
            <Form.Item key={c.key} label={`${label(c.label)}（${t('rev.scale', { max: a.call.rubric.scaleMax, weight: c.weight })}）`} htmlFor={`score-${c.key}`}>
              <InputNumber id={`score-${c.key}`} data-testid={`score-${c.key}`} min={0} max={a.call.rubric.scaleMax} value={scores[c.key] ?? null} onChange={(v) => setScores({ ...scores, [c.key]: v })} />
            </Form.Item>
          ))}
          <Form.Item label={t('rev.comment')} required htmlFor="review-comment"><Input.TextArea id="review-comment" data-testid="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} /></Form.Item>
          <Button type="primary" data-testid="score-submit" onClick={submit}>{t('rev.submit')}</Button>
          {data.total !== null && <Typography.Text style={{ marginLeft: 12 }}>{data.total}</Typography.Text>}
        </Form>
      </Card>
    </Space>
  );
}
