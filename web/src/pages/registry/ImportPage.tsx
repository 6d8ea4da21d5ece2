// 导入: upload an .xlsx or .csv, dry run (预检) or import. The job id lives in the URL
// (?job=…), so the user can leave and come back; the job is polled every second.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Col, Descriptions, Progress, Radio, Result, Row, Space, Statistic, Table, Tag, Typography, Upload, type UploadFile,
} from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { formatDateTime } from '../../format';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useI18n } from '../../i18n';
import { useRegistryMessages } from './messages';
import type { ImportIssue, Job } from './types';

const POLL_MS = 1000;
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = /\.(xlsx|csv)$/i;

function IssueTable({ items, testId }: { items: ImportIssue[]; testId: string }) {
  const { t } = useRegistryMessages();
  return (
    <Table<ImportIssue>
      size="small"
      rowKey={(row, index) => `${row.row}-${row.column}-${row.code}-${index}`}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 80, align: 'right' },
        { title: t('import.column'), dataIndex: 'column', width: 180, render: (value: string | null) => value ?? '—' },
        { title: t('import.message'), dataIndex: 'message' },
        { title: t('import.code'), dataIndex: 'code', width: 200, render: (value: string) => <span className="lc-mono">{value}</span> },
      ]}
      data-testid={testId}
    />
  );
}

export default function ImportPage() {
  const { t } = useRegistryMessages();
  const { t: common } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [jobError, setJobError] = useState<ApiError | Error | null>(null);

  useBreadcrumbTrail([{ title: t('import.title') }]);
  useEffect(() => {
    document.title = `${t('import.title')} - ${common('app.name')}`;
  }, [t, common]);

  // Poll the job until it has finished.
  useEffect(() => {
    if (!jobId) {
      setJob(null);
      setJobError(null);
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setJobError(null);
    const poll = async () => {
      try {
        const current = await api.get<Job>(`/api/jobs/${encodeURIComponent(jobId)}`);
        if (cancelled) return;
        setJob(current);
        if (current.status === 'queued' || current.status === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (caught) {
        if (cancelled) return;
        setJobError(caught instanceof Error ? caught : new Error(String(caught)));
        // A network hiccup is retried; a missing job is not.
        if (!(caught instanceof ApiError) || caught.status === 0 || caught.status >= 500) timer = setTimeout(poll, POLL_MS * 3);
      }
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId]);

  async function start(asDryRun: boolean) {
    if (!file) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const { jobId: id } = await api.upload<{ jobId: string }>('/api/orgs/import', file, { dryRun: asDryRun, filename: file.name });
      setJob(null);
      setParams({ job: id });
    } catch (caught) {
      setSubmitError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setSubmitting(false);
    }
  }

  async function downloadErrors() {
    if (!jobId) return;
    try {
      await api.download(`/api/jobs/${encodeURIComponent(jobId)}/errors.xlsx`, undefined, `import-errors-${jobId}.xlsx`);
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  async function downloadTemplate() {
    try {
      await api.download('/api/orgs/template.xlsx', undefined, 'organisations-template.xlsx');
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  const fileList: UploadFile[] = file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : [];
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const result = job?.result ?? null;
  const dryRunPassed = job?.status === 'succeeded' && result?.dryRun === true && result.errors.length === 0;

  const uploadCard = (
    <Card title={t('import.title')}>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        maxCount={1}
        fileList={fileList}
        beforeUpload={(chosen) => {
          if (!ACCEPT.test(chosen.name) || chosen.size > MAX_BYTES) {
            message.error(chosen.size > MAX_BYTES ? t('import.fileHint') : t('import.badType'));
            return Upload.LIST_IGNORE;
          }
          setFile(chosen);
          setSubmitError(null);
          // Keep the file here; it is sent by "start" as the raw request body.
          return false;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.choose')}</p>
        <p className="ant-upload-hint">{t('import.fileHint')}</p>
      </Upload.Dragger>
      <Space style={{ marginTop: 16 }} wrap>
        <span>{t('import.mode')}：</span>
        <Radio.Group value={dryRun} onChange={(event) => setDryRun(event.target.value as boolean)}>
          <Radio value>{t('import.dryRun')}</Radio>
          <Radio value={false}>{t('import.real')}</Radio>
        </Radio.Group>
      </Space>
      {submitError && <Alert type="error" showIcon message={submitError} style={{ marginTop: 16 }} data-testid="import-submit-error" />}
      <Space style={{ marginTop: 16 }} wrap>
        <Button type="primary" disabled={!file || running} loading={submitting} onClick={() => start(dryRun)} data-testid="import-start">
          {t('import.start')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
          {t('import.template')}
        </Button>
      </Space>
    </Card>
  );

  let jobCard = null;
  if (jobId) {
    if (jobError && !job) {
      jobCard = (
        <Card>
          {jobError instanceof ApiError && jobError.status === 404 ? (
            <Result status="warning" title={t('import.jobMissing')} extra={<Button onClick={() => setParams({})}>{t('import.another')}</Button>} />
          ) : (
            <Alert type="error" showIcon message={jobError.message} />
          )}
        </Card>
      );
    } else if (job) {
      const percent = job.progress && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : job.status === 'succeeded' ? 100 : 0;
      const statusColor = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' }[job.status];
      jobCard = (
        <Card
          title={
            <Space>
              {result?.dryRun ?? dryRun ? t('import.dryRunJobTitle') : t('import.jobTitle')}
              <Tag color={statusColor} data-testid="import-status">
                {t(`import.status.${job.status}`)}
              </Tag>
            </Space>
          }
          data-testid="import-job"
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('import.jobId')}>
              <span className="lc-mono">{job.id}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('import.createdAt')}>{formatDateTime(job.createdAt)}</Descriptions.Item>
            {job.finishedAt && <Descriptions.Item label={t('import.finishedAt')}>{formatDateTime(job.finishedAt)}</Descriptions.Item>}
          </Descriptions>
          <Progress
            percent={percent}
            status={job.status === 'failed' ? 'exception' : running ? 'active' : job.status === 'succeeded' ? 'success' : 'normal'}
            data-testid="import-progress"
          />
          {job.progress && (
            <Typography.Text type="secondary">{t('import.progress', { done: job.progress.done, total: job.progress.total })}</Typography.Text>
          )}
          {running && <Alert type="info" showIcon message={t('import.leaveHint')} style={{ marginTop: 12 }} />}
          {job.status === 'failed' && <Alert type="error" showIcon message={t('import.failed')} description={job.error} style={{ marginTop: 12 }} />}
          {result && (
            <>
              <Alert
                type={result.errors.length ? 'warning' : 'success'}
                showIcon
                style={{ marginTop: 16 }}
                message={result.dryRun ? t('import.dryRunDone') : t('import.done')}
              />
              <Row gutter={16} style={{ marginTop: 16 }}>
                <Col xs={12} md={4}>
                  <Statistic title={t('import.inserted')} value={result.inserted} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('import.updated')} value={result.updated} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('import.unchanged')} value={result.unchanged} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('import.errorCount')} value={result.errors.length} valueStyle={result.errors.length ? { color: '#cf1322' } : undefined} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('import.warningCount')} value={result.warnings.length} valueStyle={result.warnings.length ? { color: '#d46b08' } : undefined} />
                </Col>
              </Row>
              {result.errors.length > 0 && (
                <div style={{ marginTop: 24 }}>
                  <div style={{ display: 'flex', alignItems: 'center', marginBottom: 8 }}>
                    <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
                      {t('import.errors')}
                    </Typography.Title>
                    <Button icon={<FileExcelOutlined />} onClick={downloadErrors} data-testid="import-download-errors">
                      {t('import.downloadErrors')}
                    </Button>
                  </div>
                  <IssueTable items={result.errors} testId="import-errors" />
                </div>
              )}
              {result.warnings.length > 0 && (
                <div style={{ marginTop: 24 }}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('import.warnings')}
                  </Typography.Title>
                  <IssueTable items={result.warnings} testId="import-warnings" />
                </div>
              )}
              <Space style={{ marginTop: 24 }} wrap>
                {result.dryRun && result.errors.length > 0 && <Alert type="warning" showIcon message={t('import.fixFirst')} />}
                {dryRunPassed && (
                  <>
                    <Alert type="success" showIcon message={file ? t('import.confirmHint') : t('import.reselect')} />
                    <Button type="primary" disabled={!file} loading={submitting} onClick={() => start(false)} data-testid="import-confirm">
                      {t('import.confirm')}
                    </Button>
                  </>
                )}
                {!result.dryRun && (
                  <Link to="/registry">
                    <Button type="primary">{t('import.viewList')}</Button>
                  </Link>
                )}
                <Button
                  onClick={() => {
                    setFile(null);
                    setParams({});
                  }}
                >
                  {t('import.another')}
                </Button>
              </Space>
            </>
          )}
        </Card>
      );
    } else {
      jobCard = (
        <Card>
          <Progress percent={0} status="active" />
        </Card>
      );
    }
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {(!jobId || dryRunPassed || !running) && !(job && job.result && !job.result.dryRun) ? uploadCard : null}
      {jobCard}
    </Space>
  );
}
