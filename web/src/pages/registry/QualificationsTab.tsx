// 资质: the certificates an organisation holds; staff record and delete them.
import { useState } from 'react';
import { Alert, App, Badge, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useI18n } from '../../i18n';
import { useRegistryMessages } from './messages';
import { QUALIFICATION_KINDS, type Qualification, type QualificationKind } from './types';

interface FormValues {
  kind: QualificationKind;
  name?: string;
  certificateNo?: string;
  issuedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  issuer?: string;
  rank?: number | null;
}

const FIELDS = ['kind', 'name', 'certificateNo', 'issuedOn', 'expiresOn', 'issuer', 'rank'];

function AddQualificationModal({ uscc, open, onClose, onAdded }: { uscc: string; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t: common } = useI18n();
  const { t } = useRegistryMessages();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const isAward = kind === 'st_award_national' || kind === 'st_award_provincial';

  async function onSubmit(values: FormValues) {
    const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/orgs/${encodeURIComponent(uscc)}/qualifications`, {
        kind: values.kind,
        name: text(values.name),
        certificateNo: text(values.certificateNo),
        issuedOn: values.issuedOn ? values.issuedOn.format('YYYY-MM-DD') : null,
        expiresOn: values.expiresOn ? values.expiresOn.format('YYYY-MM-DD') : null,
        issuer: text(values.issuer),
        rank: isAward ? (values.rank ?? null) : null,
      });
      form.resetFields();
      onAdded();
    } catch (caught) {
      if (caught instanceof ApiError) {
        if (!applyFieldErrors(form, caught, FIELDS)) setError(caught.detail);
      } else setError(String(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('qual.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={common('common.save')}
      cancelText={common('common.cancel')}
      confirmLoading={saving}
      width={640}
      forceRender
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="horizontal" labelCol={{ flex: '112px' }} labelWrap onFinish={onSubmit} initialValues={{ kind: 'hnte' }}>
        <Form.Item name="kind" label={t('qual.kind')} rules={[{ required: true, message: t('form.required', { field: t('qual.kind') }) }]}>
          <Select showSearch optionFilterProp="label" options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`qual.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('qual.name')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="certificateNo" label={t('qual.certificateNo')}>
          <Input className="lc-mono" maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="issuedOn" label={t('qual.issuedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="expiresOn" label={t('qual.expiresOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="issuer" label={t('qual.issuer')}>
          <Input maxLength={200} />
        </Form.Item>
        {isAward && (
          <Form.Item name="rank" label={t('qual.rank')}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function QualificationsTab({ uscc, items, canEdit, onChanged }: { uscc: string; items: Qualification[]; canEdit: boolean; onChanged: () => void }) {
  const { t: common } = useI18n();
  const { t } = useRegistryMessages();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const none = common('common.none');

  async function onRemove(item: Qualification) {
    try {
      await api.delete(`/api/orgs/${encodeURIComponent(uscc)}/qualifications/${item.id}`);
      message.success(t('qual.removed'));
      onChanged();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  const columns: TableColumnsType<Qualification> = [
    { title: t('qual.kind'), dataIndex: 'kind', width: 200, render: (kind: QualificationKind) => t(`qual.${kind}`) },
    { title: t('qual.name'), dataIndex: 'name', width: 220, render: (value: string | null) => value ?? none },
    { title: t('qual.certificateNo'), dataIndex: 'certificateNo', width: 180, render: (value: string | null) => (value ? <span className="lc-mono">{value}</span> : none) },
    { title: t('qual.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (value: string | null) => value ?? none },
    { title: t('qual.expiresOn'), dataIndex: 'expiresOn', width: 120, render: (value: string | null) => value ?? t('qual.noExpiry') },
    { title: t('qual.issuer'), dataIndex: 'issuer', width: 180, render: (value: string | null) => value ?? none },
    { title: t('qual.rank'), dataIndex: 'rank', width: 80, align: 'right', render: (value: number | null) => value ?? none },
    {
      title: t('qual.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? t('qual.active') : t('qual.expired')} />,
    },
  ];
  if (canEdit) {
    columns.push({
      title: common('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_value, item) => (
        <Popconfirm title={t('qual.removeConfirm')} onConfirm={() => onRemove(item)} okText={common('common.confirm')} cancelText={common('common.cancel')}>
          <Button type="link" size="small" danger>
            {t('qual.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="qualifications-tab">
      {canEdit && (
        <div style={{ textAlign: 'right' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('qual.add')}
          </Button>
        </div>
      )}
      <Table<Qualification>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: canEdit ? t('qual.emptyStaff') : t('qual.empty') }}
      />
      {canEdit && (
        <AddQualificationModal
          uscc={uscc}
          open={adding}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            message.success(t('qual.added'));
            onChanged();
          }}
        />
      )}
    </Space>
  );
}
