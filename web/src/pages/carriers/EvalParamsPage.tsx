// 评价参数: the yearly carrier evaluation's parameters as versioned data. Every version is shown
// with its marks, points and grade bands; the bureau adds a version from a date not in the past
// (versions are never edited) and runs a year's evaluation. A year is graded with the version in
// force on its 31 December, and each result keeps the version it used.
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useCarrierMessages } from './messages';

interface Params {
  minStaff: number; minRdSpendFen: number; minPatents: number; minEnterprisesServed: number; minTransfers: number;
  points: { staff: number; rdSpend: number; patents: number; served: number; transfers: number };
  grades: { A: number; B: number; C: number };
}
interface Version { effectiveFrom: string; params: Params; docNo: string | null; note: string | null; example: boolean; current: boolean }
type Criterion = 'staff' | 'rdSpend' | 'patents' | 'served' | 'transfers';
const CRITERIA: { key: Criterion; mark: keyof Params; fen?: boolean }[] = [
  { key: 'staff', mark: 'minStaff' }, { key: 'rdSpend', mark: 'minRdSpendFen', fen: true }, { key: 'patents', mark: 'minPatents' },
  { key: 'served', mark: 'minEnterprisesServed' }, { key: 'transfers', mark: 'minTransfers' },
];
const WAN = 1_000_000;

interface Values {
  effectiveFrom: dayjs.Dayjs; docNo?: string; note?: string;
  marks: Record<Criterion, number>; points: Record<Criterion, number>; grades: { A: number; B: number; C: number };
}

export default function EvalParamsPage() {
  const { t, locale } = useCarrierMessages();
  usePageTitle('nav.carriers');
  const user = useCurrentUser();
  const admin = user.role === 'bureau_admin';
  const { message } = App.useApp();
  const versions = useApiGet<Version[]>('/api/carriers/eval-params', {}, 'params');
  const current = versions.data?.find((v) => v.current) ?? null;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const points = Form.useWatch('points', form);
  const sum = points ? CRITERIA.reduce((s, c) => s + (Number(points[c.key]) || 0), 0) : 100;
  const lastYear = dayjs().year() - 1;
  const [year, setYear] = useState(lastYear);
  const [run, setRun] = useState<{ year: number; evaluated: number; grades: Record<string, number> } | null>(null);

  const initial = useMemo<Partial<Values> | null>(() => {
    if (!current) return null;
    const p = current.params;
    return {
      effectiveFrom: dayjs().add(1, 'day'),
      marks: { staff: p.minStaff, rdSpend: p.minRdSpendFen / WAN, patents: p.minPatents, served: p.minEnterprisesServed, transfers: p.minTransfers },
      points: { ...p.points }, grades: { ...p.grades },
    };
  }, [current]);

  const save = async (v: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      await api.post('/api/carriers/eval-params', {
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), docNo: v.docNo?.trim() || null, note: v.note?.trim() || null,
        params: {
          minStaff: v.marks.staff, minRdSpendFen: Math.round(v.marks.rdSpend * WAN), minPatents: v.marks.patents, minEnterprisesServed: v.marks.served, minTransfers: v.marks.transfers,
          points: v.points, grades: v.grades,
        },
      });
      message.success(t('params.saved'));
      versions.reload();
    } catch (e) {
      setFormError(e instanceof ApiError ? [e.detail, ...e.fieldErrors.map((f) => f.message)].join('；') : String(e));
    } finally {
      setSaving(false);
    }
  };
  const evaluate = async () => {
    try {
      setRun(await api.post('/api/carriers/evaluate', { year }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  // The built-in example's note is written "中文 / English": show the half of the chosen language.
  const localNote = (n: string | null) => (!n ? '—' : n.includes(' / ') ? (locale === 'zh-CN' ? n.split(' / ')[0] : n.split(' / ').slice(1).join(' / ')) : n);
  const markText = (p: Params, c: (typeof CRITERIA)[number]) => {
    const value = p[c.mark] as number;
    return c.fen ? `${(value / WAN).toLocaleString('en-US')} ${t('unit.wan')}` : `${value} ${t(`unit.${c.key}`)}`;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('params.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('params.subtitle')}</Typography.Paragraph>
      </Card>
      <LoadError error={versions.error} onRetry={versions.reload} />
      <Card title={t('params.versions')}>
        <Table<Version>
          key={versions.data ? 'loaded' : 'loading'} data-testid="params-table" rowKey={(v) => `${v.effectiveFrom}-${v.example}`} size="small" pagination={false} loading={versions.loading} dataSource={versions.data ?? []}
          expandable={{
            defaultExpandedRowKeys: current ? [`${current.effectiveFrom}-${current.example}`] : [],
            expandedRowRender: (v) => (
              <Row gutter={16}>
                <Col xs={24} lg={15}>
                  <Table size="small" pagination={false} rowKey="key" dataSource={CRITERIA}
                    columns={[
                      { title: t('eval.criterion'), render: (_x, c) => t(`criterion.${c.key}`) },
                      { title: t('eval.threshold'), align: 'right', render: (_x, c) => markText(v.params, c) },
                      { title: t('params.points'), align: 'right', render: (_x, c) => v.params.points[c.key] },
                    ]} />
                </Col>
                <Col xs={24} lg={9}>
                  <Descriptions size="small" column={1} bordered title={t('params.grades')}>
                    <Descriptions.Item label={t('grade.A')}>≥ {v.params.grades.A}</Descriptions.Item>
                    <Descriptions.Item label={t('grade.B')}>≥ {v.params.grades.B}</Descriptions.Item>
                    <Descriptions.Item label={t('grade.C')}>≥ {v.params.grades.C}</Descriptions.Item>
                    <Descriptions.Item label={t('grade.D')}>&lt; {v.params.grades.C}</Descriptions.Item>
                  </Descriptions>
                </Col>
              </Row>
            ),
          }}
          columns={[
            { title: t('params.effectiveFrom'), dataIndex: 'effectiveFrom', width: 140 },
            { title: t('params.docNo'), dataIndex: 'docNo', width: 200, render: (v: string | null) => v ?? '—' },
            { title: t('params.note'), dataIndex: 'note', render: (v: string | null) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{localNote(v)}</Typography.Paragraph> },
            {
              title: t('params.state'), width: 220,
              render: (_x, v) => <Space wrap>{v.example && <Tag color="orange">{t('eval.example')}</Tag>}{v.current && <Tag color="green">{t('params.current')}</Tag>}{v.effectiveFrom > dayjs().format('YYYY-MM-DD') && <Tag color="blue">{t('params.future')}</Tag>}</Space>,
            },
          ]}
        />
      </Card>
      {admin && initial && (
        <Card title={t('params.new')} data-testid="params-form-card">
          <Typography.Paragraph type="secondary">{t('params.newHint')}</Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="params-form">
            <Row gutter={16}>
              <Col xs={24} md={6}><Form.Item name="effectiveFrom" label={t('params.effectiveFrom')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="docNo" label={t('params.docNo')} rules={[{ max: 100 }]}><Input placeholder={t('params.docNoHint')} /></Form.Item></Col>
              <Col xs={24} md={10}><Form.Item name="note" label={t('params.note')} rules={[{ max: 1000 }]}><Input /></Form.Item></Col>
            </Row>
            <Table size="small" pagination={false} rowKey="key" dataSource={CRITERIA} style={{ marginBottom: 16 }}
              columns={[
                { title: t('eval.criterion'), render: (_x, c) => t(`criterion.${c.key}`) },
                {
                  title: t('params.markInput'),
                  render: (_x, c) => <Space><Form.Item name={['marks', c.key]} rules={[{ required: true }]} noStyle><InputNumber min={c.fen ? 0.01 : 1} precision={c.fen ? 2 : 0} style={{ width: 140 }} /></Form.Item><span>{c.fen ? t('unit.wan') : t(`unit.${c.key}`)}</span></Space>,
                },
                { title: t('params.points'), render: (_x, c) => <Form.Item name={['points', c.key]} rules={[{ required: true }]} noStyle><InputNumber min={0} max={100} precision={0} style={{ width: 100 }} /></Form.Item> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>{t('params.sum')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2}><Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="params-sum">{sum} / 100</Typography.Text></Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            <Space size="large" wrap>
              {(['A', 'B', 'C'] as const).map((g) => (
                <Form.Item key={g} name={['grades', g]} label={t('params.gradeMark', { grade: t(`grade.${g}`) })} rules={[{ required: true }]}><InputNumber min={0} max={100} precision={0} /></Form.Item>
              ))}
            </Space>
            {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} data-testid="params-error" />}
            <div><Button type="primary" htmlType="submit" loading={saving} disabled={sum !== 100} data-testid="params-save">{t('params.save')}</Button></div>
          </Form>
        </Card>
      )}
      {admin && (
        <Card title={t('params.run')}>
          <Space wrap>
            <Select value={year} onChange={setYear} style={{ width: 140 }} options={[0, 1, 2, 3].map((i) => ({ value: lastYear - i, label: t('eval.year', { year: lastYear - i }) }))} />
            <Button onClick={() => void evaluate()} data-testid="params-evaluate">{t('params.runButton')}</Button>
            {run && <Typography.Text data-testid="params-run-result">{t('params.runResult', { year: run.year, n: run.evaluated, A: run.grades.A, B: run.grades.B, C: run.grades.C, D: run.grades.D })}</Typography.Text>}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('params.runHint')}</Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}
