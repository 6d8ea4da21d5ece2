// The project page's actions, all through the existing /api/programmes routes:
// - the agreement (任务书) form: deliverables, indicators, start/end, tranche schedule (bureau; before signing), then signing;
// - mid-term review (bureau), change requests (the organisation asks, the bureau decides), acceptance (验收, bureau).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { useProgrammeMessages, yuan, type ProgrammeKey } from './messages';
import type { Project } from './types';

export interface Change { id: string; kind: string; description: string; newEndOn: string | null; status: string; decisionNote: string | null; createdAt: string }
type Record_ = { result: string; comments: string; at: string; by: string };
type ProjectWithChanges = Project & { changes?: Change[]; midterm?: Record_ | null; acceptance?: (Record_ & { indicators: { key: string; actual: number; met: boolean }[]; extendTo: string | null }) | null };

const errorText = (e: unknown) => (e instanceof ApiError ? `${e.detail}${e.fieldErrors.length ? ` — ${e.fieldErrors.map((f) => f.path ?? '').join(', ')}` : ''}` : String(e));

interface AgreementValues {
  deliverables?: { text?: string }[]; indicators?: { key?: string; label?: string; target?: number; unit?: string }[];
  period?: [dayjs.Dayjs, dayjs.Dayjs]; tranches?: { amountYuan?: number; condition?: string; dueOn?: dayjs.Dayjs | null }[];
}

/** 任务书: drawn up by the bureau while the project awaits its agreement, then signed. */
export function AgreementForm({ project, milestones, onDone }: { project: ProjectWithChanges; milestones: string[]; onDone: () => void }) {
  const { t } = useProgrammeMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgreementValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tranches = Form.useWatch('tranches', form) ?? [];
  const sumFen = tranches.reduce((s, x) => s + Math.round((x?.amountYuan ?? 0) * 100), 0);
  const a = project.agreement;
  const initial: AgreementValues = {
    deliverables: a ? a.deliverables.map((text) => ({ text })) : [{ text: '' }],
    indicators: a ? a.indicators.map((i) => ({ ...i })) : [{ key: 'patents', label: t('ag.sampleIndicator'), target: 1, unit: t('ag.sampleUnit') }],
    period: a ? [dayjs(a.startOn), dayjs(a.endOn)] : [dayjs(), dayjs().add(2, 'year')],
    tranches: project.tranches.length ? project.tranches.map((x) => ({ amountYuan: x.amountFen / 100, condition: x.condition }))
      : [{ amountYuan: Math.round(project.awardFen * 0.6) / 100, condition: 'signing' }, { amountYuan: (project.awardFen - Math.round(project.awardFen * 0.6)) / 100, condition: 'acceptance' }],
  };
  const conditions = ['signing', 'midterm', 'acceptance', ...milestones.map((m) => `milestone:${m}`)];

  const save = async (v: AgreementValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/programmes/projects/${project.id}/agreement`, {
        deliverables: (v.deliverables ?? []).map((d) => (d.text ?? '').trim()).filter(Boolean),
        indicators: (v.indicators ?? []).map((i) => ({ key: (i.key ?? '').trim(), label: (i.label ?? '').trim(), target: i.target ?? 0, unit: (i.unit ?? '').trim() })),
        startOn: v.period![0].format('YYYY-MM-DD'), endOn: v.period![1].format('YYYY-MM-DD'),
        tranches: (v.tranches ?? []).map((x) => ({ amountFen: Math.round((x.amountYuan ?? 0) * 100), condition: x.condition ?? 'signing', ...(x.dueOn ? { dueOn: x.dueOn.format('YYYY-MM-DD') } : {}) })),
      });
      message.success(t('ag.saved'));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const sign = async () => {
    setBusy(true);
    try {
      await api.post(`/api/programmes/projects/${project.id}/sign`);
      message.success(t('ag.signed'));
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('ag.title')} data-testid="agreement-form" extra={a && <Popconfirm title={t('ag.signConfirm')} onConfirm={sign}><Button type="primary" loading={busy} data-testid="ag-sign">{t('ag.sign')}</Button></Popconfirm>}>
      <Typography.Paragraph type="secondary">{t('ag.hint', { award: yuan(project.awardFen) })}</Typography.Paragraph>
      <Form<AgreementValues> form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="period" label={t('ag.period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Typography.Text strong>{t('proj.deliverables')}</Typography.Text>
        <Form.List name="deliverables">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col flex="auto"><Form.Item name={[f.name, 'text']} rules={[{ required: true, message: t('ag.required') }]}><Input placeholder={t('ag.deliverable')} data-testid="ag-deliverable" /></Form.Item></Col>
                  <Col flex="40px"><Button type="text" icon={<DeleteOutlined />} aria-label={t('ce.remove')} disabled={fields.length <= 1} onClick={() => remove(f.name)} /></Col>
                </Row>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ text: '' })}>{t('ce.add')}</Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}><Typography.Text strong>{t('proj.indicators')}</Typography.Text></div>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col xs={6} md={4}><Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('ce.keyHint') }]}><Input placeholder={t('ce.key')} /></Form.Item></Col>
                  <Col xs={10} md={10}><Form.Item name={[f.name, 'label']} rules={[{ required: true, message: t('ag.required') }]}><Input placeholder={t('ag.indicator')} /></Form.Item></Col>
                  <Col xs={4} md={4}><Form.Item name={[f.name, 'target']} rules={[{ required: true, message: t('ag.required') }]}><InputNumber min={0} placeholder={t('ag.target')} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={4} md={3}><Form.Item name={[f.name, 'unit']}><Input placeholder={t('ag.unit')} /></Form.Item></Col>
                  <Col flex="40px"><Button type="text" icon={<DeleteOutlined />} aria-label={t('ce.remove')} disabled={fields.length <= 1} onClick={() => remove(f.name)} /></Col>
                </Row>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ target: 1, unit: '' })}>{t('ce.add')}</Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Space><Typography.Text strong>{t('proj.tranches')}</Typography.Text>
            <Typography.Text type={sumFen === project.awardFen ? 'success' : 'danger'} data-testid="ag-sum">{t('ag.sum', { sum: yuan(sumFen), award: yuan(project.awardFen) })}</Typography.Text></Space>
        </div>
        <Form.List name="tranches">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key}>
                  <Col flex="70px"><Typography.Text>{t('proj.tranche', { no: i + 1 })}</Typography.Text></Col>
                  <Col xs={8} md={6}><Form.Item name={[f.name, 'amountYuan']} rules={[{ required: true, message: t('ag.required') }]}><InputNumber min={0.01} precision={2} addonAfter={t('ag.yuan')} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={8} md={6}><Form.Item name={[f.name, 'condition']} rules={[{ required: true }]}>
                    <Select options={conditions.map((c) => ({ value: c, label: c.startsWith('milestone:') ? c.slice(10) : t(`proj.cond.${c}` as ProgrammeKey) }))} />
                  </Form.Item></Col>
                  <Col xs={6} md={5}><Form.Item name={[f.name, 'dueOn']}><DatePicker placeholder={t('ag.dueOn')} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col flex="40px"><Button type="text" icon={<DeleteOutlined />} aria-label={t('ce.remove')} disabled={fields.length <= 1} onClick={() => remove(f.name)} /></Col>
                </Row>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ condition: 'acceptance' })}>{t('ce.add')}</Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="ag-error" />}
        <div style={{ marginTop: 16 }}><Button type="primary" htmlType="submit" loading={busy} data-testid="ag-save">{t('ag.save')}</Button></div>
      </Form>
    </Card>
  );
}

type Dialog = null | 'midterm' | 'change' | 'acceptance';

/** Mid-term review, change requests and acceptance, by who may do each. */
export function ProjectActions({ project, role, onDone }: { project: ProjectWithChanges; role: string; onDone: () => void }) {
  const { t } = useProgrammeMessages();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const admin = role === 'bureau_admin';
  const running = project.status === 'active' || project.status === 'extended';
  const result = Form.useWatch('result', form) as string | undefined;
  const kind = Form.useWatch('kind', form) as string | undefined;

  const open = (d: Dialog) => {
    form.resetFields();
    setError(null);
    if (d === 'midterm') form.setFieldsValue({ result: 'pass' });
    if (d === 'change') form.setFieldsValue({ kind: 'schedule' });
    if (d === 'acceptance') form.setFieldsValue({ result: 'pass', actual: Object.fromEntries((project.agreement?.indicators ?? []).map((i) => [i.key, i.target])) });
    setDialog(d);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (dialog === 'midterm') await api.post(`/api/programmes/projects/${project.id}/midterm`, { result: v.result, comments: v.comments });
      if (dialog === 'change') await api.post(`/api/programmes/projects/${project.id}/changes`, { kind: v.kind, description: v.description, ...(v.newEndOn ? { newEndOn: v.newEndOn.format('YYYY-MM-DD') } : {}) });
      if (dialog === 'acceptance') {
        await api.post(`/api/programmes/projects/${project.id}/acceptance`, {
          result: v.result, comments: v.comments, ...(v.extendTo ? { extendTo: v.extendTo.format('YYYY-MM-DD') } : {}),
          indicators: (project.agreement?.indicators ?? []).map((i) => ({ key: i.key, actual: Number(v.actual?.[i.key] ?? 0) })),
        });
      }
      message.success(t('pa.done'));
      setDialog(null);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const decide = async (c: Change, approve: boolean) => {
    try {
      await api.post(`/api/programmes/changes/${c.id}/decide`, { approve, note: '' });
      message.success(t('pa.done'));
      onDone();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const changes = project.changes ?? [];
  const canAsk = role === 'org_user' && running;
  if (!admin && !canAsk && changes.length === 0 && !project.midterm && !project.acceptance) return null;

  return (
    <Card title={t('pa.title')} data-testid="project-actions">
      <Space wrap style={{ marginBottom: changes.length ? 12 : 0 }}>
        {admin && <Button onClick={() => open('midterm')} disabled={!running} data-testid="pa-midterm">{t('pa.midterm')}</Button>}
        {admin && <Button onClick={() => open('acceptance')} disabled={!running || !project.agreement} data-testid="pa-acceptance">{t('pa.acceptance')}</Button>}
        {canAsk && <Button onClick={() => open('change')} data-testid="pa-change">{t('pa.change')}</Button>}
        {admin && !running && <Typography.Text type="secondary">{t('pa.notRunning')}</Typography.Text>}
      </Space>
      {project.midterm && (
        <Typography.Paragraph data-testid="pa-midterm-record">
          <Tag>{t('pa.midterm')}</Tag>{t(`pa.mid.${project.midterm.result}` as ProgrammeKey)} · {project.midterm.comments} <Typography.Text type="secondary">（{project.midterm.by}，{project.midterm.at.slice(0, 10)}）</Typography.Text>
        </Typography.Paragraph>
      )}
      {project.acceptance && (
        <Typography.Paragraph data-testid="pa-acceptance-record">
          <Tag>{t('pa.acceptance')}</Tag>{t(`pa.acc.${project.acceptance.result}` as ProgrammeKey)} · {project.acceptance.comments}
          {project.acceptance.indicators.map((i) => <Tag key={i.key} color={i.met ? 'green' : 'red'} style={{ marginLeft: 8 }}>{i.key}: {i.actual}</Tag>)}
          <Typography.Text type="secondary">（{project.acceptance.by}，{project.acceptance.at.slice(0, 10)}）</Typography.Text>
        </Typography.Paragraph>
      )}
      {changes.length > 0 && (
        <List size="small" header={t('pa.changes')} dataSource={changes} data-testid="pa-changes" renderItem={(c) => (
          <List.Item extra={admin && c.status === 'pending' && (
            <Space>
              <Button size="small" type="primary" onClick={() => decide(c, true)} data-testid="pa-approve">{t('pa.approve')}</Button>
              <Button size="small" danger onClick={() => decide(c, false)}>{t('pa.reject')}</Button>
            </Space>
          )}>
            <Space wrap>
              <Tag>{t(`pa.kind.${c.kind}` as ProgrammeKey)}</Tag>
              <Typography.Text>{c.description}</Typography.Text>
              {c.newEndOn && <Typography.Text type="secondary">{t('pa.newEnd', { date: c.newEndOn })}</Typography.Text>}
              <Tag color={c.status === 'approved' ? 'green' : c.status === 'rejected' ? 'red' : 'orange'}>{t(`pa.cstatus.${c.status}` as ProgrammeKey)}</Tag>
            </Space>
          </List.Item>
        )} />
      )}
      <Modal open={dialog !== null} title={dialog ? t(`pa.${dialog}` as ProgrammeKey) : ''} onCancel={() => setDialog(null)} onOk={submit} confirmLoading={busy} okText={t('pa.submit')} destroyOnClose>
        <Form form={form} layout="vertical">
          {dialog === 'midterm' && (
            <Form.Item name="result" label={t('pa.result')}><Radio.Group options={['pass', 'rectify', 'fail'].map((r) => ({ value: r, label: t(`pa.mid.${r}` as ProgrammeKey) }))} /></Form.Item>
          )}
          {dialog === 'acceptance' && (
            <>
              <Form.Item name="result" label={t('pa.result')}><Radio.Group options={['pass', 'fail', 'extension'].map((r) => ({ value: r, label: t(`pa.acc.${r}` as ProgrammeKey) }))} /></Form.Item>
              {(project.agreement?.indicators ?? []).map((i) => (
                <Form.Item key={i.key} name={['actual', i.key]} label={t('pa.actual', { label: i.label, target: i.target, unit: i.unit })} rules={[{ required: true }]}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              ))}
              {result === 'extension' && <Form.Item name="extendTo" label={t('pa.extendTo')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
            </>
          )}
          {dialog === 'change' && (
            <>
              <Form.Item name="kind" label={t('pa.kind')}><Select options={['schedule', 'budget', 'members', 'scope'].map((k) => ({ value: k, label: t(`pa.kind.${k}` as ProgrammeKey) }))} /></Form.Item>
              <Form.Item name="description" label={t('pa.description')} rules={[{ required: true, message: t('ag.required') }]}><Input.TextArea rows={3} /></Form.Item>
              {kind === 'schedule' && <Form.Item name="newEndOn" label={t('pa.newEndOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
            </>
          )}
          {dialog !== 'change' && <Form.Item name="comments" label={t('pa.comments')} rules={[{ required: true, message: t('ag.required') }]}><Input.TextArea rows={3} /></Form.Item>}
          {error && <Alert type="error" showIcon message={error} />}
        </Form>
      </Modal>
    </Card>
  );
}
