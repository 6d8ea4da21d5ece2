// 年度报告: a carrier's yearly performance reports, the form its host organisation (or staff in
// scope) submits one with, and the bureau's "evaluate this year". The server refuses a year before
// the carrier existed, a year not yet over and a second report for a year; the refusal shows here.
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Col, Form, InputNumber, Row, Space, Table, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCarrierMessages } from './messages';

export interface Report {
  year: number; staff: number; rdSpendFen: number; serviceRevenueFen: number; patentsGranted: number; enterprisesServed: number;
  achievementsTransferred: number; incubatedEnterprises: number; submittedBy: string; submittedAt: string;
}
interface Values { year: number; staff: number; rdSpendWan: number; serviceRevenueWan?: number; patentsGranted?: number; enterprisesServed?: number; achievementsTransferred?: number; incubatedEnterprises?: number }

const WAN = 1_000_000;
const wan = (fen: number) => (fen / WAN).toLocaleString('en-US', { maximumFractionDigits: 1 });

export function ReportsPanel({ carrierId, reports, canSubmit, admin, onChange }: { carrierId: string; reports: Report[]; canSubmit: boolean; admin: boolean; onChange: () => void }) {
  const { t } = useCarrierMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/carriers/${carrierId}/reports`, {
        year: v.year, staff: v.staff, rdSpendFen: Math.round(v.rdSpendWan * WAN), serviceRevenueFen: Math.round((v.serviceRevenueWan ?? 0) * WAN),
        patentsGranted: v.patentsGranted ?? 0, enterprisesServed: v.enterprisesServed ?? 0, achievementsTransferred: v.achievementsTransferred ?? 0, incubatedEnterprises: v.incubatedEnterprises ?? 0,
      });
      message.success(t('report.submitted'));
      form.resetFields();
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };
  const evaluate = async (year: number) => {
    try {
      const r = await api.post<{ grade: string; score: number }>(`/api/carriers/${carrierId}/evaluate`, { year });
      message.success(t('report.evaluated', { year, grade: r.grade, score: r.score }));
      onChange();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const num = (name: keyof Values, label: string, extra: Record<string, unknown> = {}) => (
    <Col span={8}><Form.Item name={name} label={label} {...extra}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
  );
  return (
    <div data-testid="carrier-reports">
      <Typography.Title level={5}>{t('report.title')}</Typography.Title>
      <Table<Report>
        rowKey="year" size="small" pagination={false} dataSource={reports} locale={{ emptyText: t('report.none') }} scroll={{ x: 640 }}
        columns={[
          { title: t('report.year'), dataIndex: 'year', width: 80 },
          { title: t('col.staff'), dataIndex: 'staff', align: 'right' },
          { title: t('report.rdSpend'), dataIndex: 'rdSpendFen', align: 'right', render: wan },
          { title: t('report.patents'), dataIndex: 'patentsGranted', align: 'right' },
          { title: t('report.served'), dataIndex: 'enterprisesServed', align: 'right' },
          { title: t('report.transfers'), dataIndex: 'achievementsTransferred', align: 'right' },
          ...(admin ? [{ title: '', width: 90, render: (_v: unknown, r: Report) => <Button size="small" type="link" onClick={() => void evaluate(r.year)} data-testid="report-evaluate">{t('report.evaluate')}</Button> }] : []),
        ]}
      />
      {canSubmit && (
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ year: dayjs().year() - 1 }} style={{ marginTop: 16 }} data-testid="report-form">
          <Typography.Text strong>{t('report.new')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('report.hint')}</Typography.Paragraph>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="year" label={t('report.year')} rules={[{ required: true }]}><InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            {num('staff', t('col.staff'), { rules: [{ required: true }] })}
            {num('rdSpendWan', t('report.rdSpend'), { rules: [{ required: true }] })}
            {num('serviceRevenueWan', t('report.revenue'))}
            {num('patentsGranted', t('report.patents'))}
            {num('enterprisesServed', t('report.served'))}
            {num('achievementsTransferred', t('report.transfers'))}
            {num('incubatedEnterprises', t('report.incubated'))}
          </Row>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
          <Space><Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">{t('report.submit')}</Button></Space>
        </Form>
      )}
    </div>
  );
}
