import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf } from '@tuoyu/domain';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { formatDate } from '@tuoyu/domain';
import { useParams } from 'react-router';
import { verifyFiling, type VerifyResult } from './queries.ts';

/**
 * 备案核验 (public, no sign-in): what the certificate's QR code opens when the mini-program is not
 * at hand. Calls `verify_filing` as anon and shows whether the filing number is valid.
 */
export function VerifyFilingPage() {
  const { filingNo = '' } = useParams();
  const result = useQuery({ queryKey: ['verify-filing', filingNo], queryFn: () => verifyFiling(filingNo), retry: false });

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '32px 16px' }}>
      <Card style={{ maxWidth: 560, margin: '0 auto' }} title="托育机构备案核验" data-testid="verify-page">
        {result.isLoading ? (
          <Skeleton active />
        ) : result.isError ? (
          <div data-testid="verify-error">
            <Result
              status="warning"
              title="暂时无法核验"
              subTitle={(result.error as { message?: string }).message ?? '请稍后重试'}
            />
          </div>
        ) : result.data ? (
          <VerifiedFiling result={result.data} />
        ) : (
          <div data-testid="verify-not-found">
            <Result
              icon={<CloseCircleFilled style={{ color: '#cf1322' }} />}
              title="未查询到该备案号"
              subTitle={`备案号 ${filingNo} 不存在或已失效，请向机构所在县区卫生健康部门核实。`}
            />
          </div>
        )}
      </Card>
      <div style={{ maxWidth: 560, margin: '12px auto 0', textAlign: 'center' }}>
        <Typography.Link href="/open-data" data-testid="verify-open-data-link">下载已备案托育机构名录（开放数据）</Typography.Link>
      </div>
    </div>
  );
}

function VerifiedFiling({ result }: { result: VerifyResult }) {
  const valid = result.status === 'filed';
  return (
    <div data-testid="verify-result" data-valid={valid ? 'true' : 'false'}>
      <Result
        icon={valid ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
        title={valid ? '备案有效' : `备案状态：${result.status_label || labelOf(INSTITUTION_STATUS_LABELS, result.status)}`}
        subTitle={valid ? '该机构已在县级卫生健康部门备案。' : '该机构当前不是已备案状态，请谨慎选择。'}
        style={{ padding: '16px 0' }}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="备案号">
          <Typography.Text strong data-testid="verify-filing-no">{result.filing_no}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="机构名称">
          <span data-testid="verify-institution">{result.institution_name}</span>
        </Descriptions.Item>
        {result.institution_type && <Descriptions.Item label="机构类型">{labelOf(INSTITUTION_TYPE_LABELS, result.institution_type)}</Descriptions.Item>}
        <Descriptions.Item label="普惠托育">{result.affordable ? '是' : '否'}</Descriptions.Item>
        {result.county_name && (
          <Descriptions.Item label="备案机关">
            <span data-testid="verify-bureau">{`${result.county_name}卫生健康局`}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="备案日期">{formatDate(result.filed_on)}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
