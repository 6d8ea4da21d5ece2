// The bureau's forms on the village-collective and guidance-fund page: a village, a collective
// project (with its first fiscal support, ≤ 10 % of investment, checked here as you type and again
// by the server), a year's village income, a sub-fund or venture fund, and an investment.
import { useState, type ReactNode } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n } from '../../i18n';
import { useFundsMessages, yuan } from './messages';
import type { Fund } from './types';

export type SchemeDialogKind = 'village' | 'project' | 'income' | 'venture' | 'investment';
interface VillageOption { id: string; code: string; name: string; district: string }
interface VentureOption { id: string; code: string; name: string; kind: string; parentId: string | null }

const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
const STAGES = ['seed', 'angel', 'a', 'b', 'c_plus', 'pre_ipo'] as const;
const CAP_PERCENT = 10;
const fen = (yuanValue: number | undefined | null) => (yuanValue === undefined || yuanValue === null ? undefined : Math.round(yuanValue * 100));

/** One modal for each form; the body is built from the kind. Posts, then reports back. */
export function SchemeDialog({ kind, onClose, onDone, ventures }: { kind: SchemeDialogKind; onClose: () => void; onDone: () => void; ventures: VentureOption[] }) {
  const { t: tt } = useI18n();
  const { t, locale } = useFundsMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needVillages = kind === 'project' || kind === 'income';
  const villages = useApiGet<{ items: VillageOption[] }>('/api/funds/villages', {}, needVillages ? 'v' : 'skip');
  const funds = useApiGet<Fund[]>('/api/funds', {}, kind === 'project' ? 'f' : 'skip');
  const investment = Form.useWatch('investment', form) as number | undefined;
  const required = [{ required: true, message: t('form.required') }];
  const villageOptions = (villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${districtLabel(tt, v.district)} · ${v.name}（${v.code}）` }));
  const supportFunds = (funds.data ?? []).filter((f) => !f.rules.recipientKinds.length || f.rules.recipientKinds.includes('collective_project'));
  const capYuan = investment ? Math.floor(investment * CAP_PERCENT) / 100 : null;

  async function submit(v: Record<string, unknown>) {
    setSaving(true);
    setError(null);
    try {
      if (kind === 'village') await api.post('/api/funds/villages', { code: v.code, name: v.name, district: v.district, town: v.town || undefined });
      if (kind === 'income') await api.post(`/api/funds/villages/${v.villageId}/incomes`, { year: v.year, incomeFen: fen(v.income as number) });
      if (kind === 'project') {
        await api.post('/api/funds/collective-projects', {
          villageId: v.villageId, ref: v.ref, name: v.name, investmentFen: fen(v.investment as number), operator: v.operator,
          support: v.supportFundId && v.support ? { fundId: v.supportFundId, amountFen: fen(v.support as number) } : undefined,
        });
      }
      if (kind === 'venture') {
        await api.post('/api/funds/ventures', {
          code: v.code, name: v.name, kind: v.kind, parentId: v.parentId || undefined, manager: v.manager || undefined, sizeFen: fen(v.size as number),
          committedFen: fen(v.committed as number | undefined), paidInFen: fen(v.paidIn as number | undefined) ?? 0,
          reinvestTargetBp: v.reinvestTarget ? Math.round((v.reinvestTarget as number) * 10_000) : undefined, mandateTags: v.mandateTags ?? [],
          vintage: v.vintage || undefined, example: false,
        });
      }
      if (kind === 'investment') {
        await api.post(`/api/funds/ventures/${v.fundId}/investments`, {
          orgUscc: v.orgUscc || undefined, targetName: v.orgUscc ? undefined : v.targetName, round: v.round, stage: v.stage, amountFen: fen(v.amount as number),
          investedOn: (v.investedOn as Dayjs).format('YYYY-MM-DD'), small: !!v.small, hardTech: !!v.hardTech,
        });
      }
      message.success(t('form.saved'));
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSaving(false);
    }
  }

  const item = (name: string, label: string, input: ReactNode, rules: object[] = []) => <Form.Item name={name} label={label} rules={rules}>{input}</Form.Item>;
  const money = (min = 0.01) => <InputNumber min={min} precision={2} style={{ width: '100%' }} />;
  let body: ReactNode = null;
  if (kind === 'village') {
    body = <>
      {item('code', t('sf.villageCode'), <Input maxLength={40} />, required)}
      {item('name', t('sf.villageName'), <Input maxLength={100} />, required)}
      {item('district', t('v.district'), <Select options={DISTRICTS.map((d) => ({ value: d, label: districtLabel(tt, d) }))} />, required)}
      {item('town', t('sf.town'), <Input maxLength={100} />)}
    </>;
  }
  if (kind === 'income') {
    body = <>
      {item('villageId', t('sf.village'), <Select showSearch optionFilterProp="label" loading={villages.loading} options={villageOptions} />, required)}
      {item('year', t('sf.year'), <InputNumber min={2000} max={2100} style={{ width: '100%' }} />, required)}
      {item('income', t('sf.incomeYuan'), money(0), required)}
    </>;
  }
  if (kind === 'project') {
    body = <>
      {item('villageId', t('sf.village'), <Select showSearch optionFilterProp="label" loading={villages.loading} options={villageOptions} data-testid="sf-village" />, required)}
      {item('ref', t('ag.projectRef'), <Input maxLength={80} data-testid="sf-ref" />, required)}
      {item('name', t('ag.projectName'), <Input maxLength={200} data-testid="sf-name" />, required)}
      {item('operator', t('sf.operator'), <Input maxLength={200} data-testid="sf-operator" />, required)}
      <Form.Item name="investment" label={t('ag.investmentYuan')} rules={required}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="sf-investment" /></Form.Item>
      {item('supportFundId', t('sf.supportFund'), <Select allowClear loading={funds.loading} options={supportFunds.map((f) => ({ value: f.id, label: `${f.name}（${t('col.available')} ${yuan(f.balances.availableFen, locale)}）` }))} />)}
      <Form.Item
        name="support" label={t('sf.supportYuan')} dependencies={['investment', 'supportFundId']}
        extra={capYuan !== null ? t('sf.capHint', { cap: capYuan.toLocaleString(locale, { minimumFractionDigits: 2 }), percent: CAP_PERCENT }) : t('sf.capHintEmpty', { percent: CAP_PERCENT })}
        rules={[
          ({ getFieldValue }) => ({
            validator(_, value: number | undefined) {
              const inv = getFieldValue('investment') as number | undefined;
              if (value && !getFieldValue('supportFundId')) return Promise.reject(new Error(t('sf.needFund')));
              if (value && inv && Math.round(value * 100) > Math.floor(Math.round(inv * 100) * CAP_PERCENT / 100)) return Promise.reject(new Error(t('sf.overCap', { percent: CAP_PERCENT })));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="sf-support" />
      </Form.Item>
    </>;
  }
  if (kind === 'venture') {
    body = <>
      {item('code', t('sf.ventureCode'), <Input maxLength={40} />, [...required, { pattern: /^[A-Za-z0-9_-]+$/, message: t('ag.codeRule') }])}
      {item('name', t('g.fund'), <Input maxLength={200} />, required)}
      {item('kind', t('sf.ventureKind'), <Select options={(['sub_fund', 'guidance', 'vc_fund', 'tech_innovation_fund'] as const).map((k) => ({ value: k, label: t(`g.kind.${k}`) }))} />, required)}
      {item('parentId', t('sf.parent'), <Select allowClear options={ventures.filter((v) => !v.parentId).map((v) => ({ value: v.id, label: v.name }))} />)}
      {item('manager', t('g.manager'), <Input maxLength={200} />)}
      {item('size', t('sf.sizeYuan'), money(), required)}
      {item('committed', t('sf.committedYuan'), money())}
      <Form.Item
        name="paidIn" label={t('sf.paidInYuan')} dependencies={['committed']}
        rules={[({ getFieldValue }) => ({ validator: (_, value: number | undefined) => (value && getFieldValue('committed') !== undefined && value > getFieldValue('committed') ? Promise.reject(new Error(t('sf.paidInOver'))) : Promise.resolve()) })]}
      >
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      {item('reinvestTarget', t('sf.reinvestTarget'), <InputNumber min={0} max={10} step={0.1} precision={2} style={{ width: '100%' }} />)}
      {item('mandateTags', t('sf.tags'), <Checkbox.Group options={[{ value: 'early', label: t('g.early') }, { value: 'small', label: t('g.small') }, { value: 'hard_tech', label: t('g.hardTech') }]} />)}
      {item('vintage', t('sf.vintage'), <InputNumber min={2000} max={2100} style={{ width: '100%' }} />)}
    </>;
  }
  if (kind === 'investment') {
    body = <>
      {item('fundId', t('g.fund'), <Select showSearch optionFilterProp="label" options={ventures.filter((v) => v.kind !== 'guidance').map((v) => ({ value: v.id, label: v.name }))} />, required)}
      {item('orgUscc', t('sf.uscc'), <Input maxLength={18} style={{ fontFamily: 'monospace' }} />, [{ len: 18, message: t('sf.usccRule') }])}
      <Form.Item
        name="targetName" label={t('sf.targetName')} dependencies={['orgUscc']} extra={t('sf.targetHint')}
        rules={[({ getFieldValue }) => ({ validator: (_, value: string | undefined) => (!value && !getFieldValue('orgUscc') ? Promise.reject(new Error(t('sf.targetRequired'))) : Promise.resolve()) })]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {item('round', t('sf.round'), <Input maxLength={40} />, required)}
      {item('stage', t('sf.stage'), <Select options={STAGES.map((s) => ({ value: s, label: t(`sf.stage.${s}`) }))} />, required)}
      {item('amount', t('sf.amountYuan'), money(), required)}
      {item('investedOn', t('sf.investedOn'), <DatePicker style={{ width: '100%' }} />, required)}
      <Form.Item name="small" valuePropName="checked"><Checkbox>{t('g.small')}</Checkbox></Form.Item>
      <Form.Item name="hardTech" valuePropName="checked"><Checkbox>{t('g.hardTech')}</Checkbox></Form.Item>
    </>;
  }

  return (
    <Modal open width={620} title={t(`sf.title.${kind}`)} onCancel={onClose} onOk={() => form.submit()} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'sf-ok' }}>
      {kind === 'project' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('sf.projectHint', { percent: CAP_PERCENT })} />}
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} onFinish={submit} data-testid={`sf-${kind}`}>{body}</Form>
      {error && <Typography.Text type="danger" data-testid="sf-error">{error}</Typography.Text>}
    </Modal>
  );
}

