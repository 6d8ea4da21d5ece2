// Paying an approved 免申即享 batch through a fund: one maker's payment request per grant (reference
// AG-<batch>-<USCC>, so never twice); a second administrator approves them on the approvals page.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Form, Modal, Select, Space, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { useApiGet } from '../../components/useApiGet';
import { useFundsMessages, yuan } from './messages';
import type { Fund } from './types';

interface Status { batchId: string; funds: string[]; requests: number; pendingFen: number; approvedFen: number; rejectedFen: number }
interface Batch { id: string; benefitCode: string; fiscalYear: number; asOf: string; status: string; organisations: number; total: number }
interface Result { requested: number; totalFen: number; alreadyRequested: number; coveredEarlier: number }

/** The batch's payment status and, for the bureau, the button that requests its payment. */
export function GrantBatchPayment({ batchId }: { batchId: string }) {
  const { t, locale } = useFundsMessages();
  const admin = useCurrentUser().role === 'bureau_admin';
  const status = useApiGet<Status>('/api/funds/grant-payments', { batchId }, batchId);
  const [open, setOpen] = useState(false);
  const s = status.data;
  return (
    <Space wrap data-testid="grant-payment-status">
      <Typography.Text type="secondary">
        {s && s.requests > 0
          ? t('gp.status', { n: s.requests, funds: s.funds.join('、'), approved: yuan(s.approvedFen, locale), pending: yuan(s.pendingFen, locale) })
          : t('gp.none')}
      </Typography.Text>
      {admin && <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="grant-pay-open">{t('gp.button')}</Button>}
      {s && s.pendingFen > 0 && <Link to="/funds/approvals">{t('gp.toApprovals')}</Link>}
      {open && <GrantPaymentDialog batchId={batchId} onClose={() => setOpen(false)} onDone={() => { setOpen(false); status.reload(); }} />}
    </Space>
  );
}

/** Either the batch is fixed (insurance page) or the fund is (fund page). */
export function GrantPaymentDialog({ batchId, fund, onClose, onDone }: { batchId?: string; fund?: Fund; onClose: () => void; onDone: () => void }) {
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ fundId: string; batchId: string }>();
  const funds = useApiGet<Fund[]>('/api/funds', {}, fund ? 'skip' : 'all');
  const batches = useApiGet<Batch[]>('/api/auto-grants', {}, batchId ? 'skip' : 'all');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('form.required') }];

  async function submit(v: { fundId?: string; batchId?: string }) {
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<Result>(`/api/funds/${fund?.id ?? v.fundId}/grant-payments`, { batchId: batchId ?? v.batchId });
      message.success(t('gp.done', { n: r.requested, total: yuan(r.totalFen, locale), skipped: r.alreadyRequested + r.coveredEarlier }));
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={t('gp.button')} onCancel={onClose} onOk={() => form.submit()} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'grant-pay-ok' }}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('gp.hint')} />
      <Form form={form} layout="vertical" onFinish={submit}>
        {!fund && (
          <Form.Item name="fundId" label={t('gp.fund')} rules={required}>
            <Select
              loading={funds.loading} data-testid="grant-pay-fund"
              options={(funds.data ?? []).map((f) => ({ value: f.id, label: `${f.name}（${t('col.available')} ${yuan(f.balances.availableFen, locale)} ${t('unit.yuan')}）` }))}
            />
          </Form.Item>
        )}
        {!batchId && (
          <Form.Item name="batchId" label={t('gp.batch')} rules={required}>
            <Select
              loading={batches.loading} data-testid="grant-pay-batch"
              options={(batches.data ?? []).filter((b) => b.status === 'approved').map((b) => ({ value: b.id, label: `${b.benefitCode} · ${b.fiscalYear} · ${b.organisations} · ${yuan(b.total, locale)} ${t('unit.yuan')}` }))}
            />
          </Form.Item>
        )}
      </Form>
      {error && <Typography.Text type="danger" data-testid="grant-pay-error">{error}</Typography.Text>}
    </Modal>
  );
}
