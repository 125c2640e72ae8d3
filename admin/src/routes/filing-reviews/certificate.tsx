import { env, publicAddress } from '../../config/env.ts';
import { filingVerificationPath, filingVerificationUrl, INSTITUTION_TYPE_LABELS, labelOf } from '@tuoyu/domain';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Space } from 'antd';
import { formatDate } from '@tuoyu/domain';
import { QRCodeSVG } from 'qrcode.react';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { fetchFiling, fetchRegionNames } from './queries.ts';
import { RequirePermission } from '../../components/require-permission.tsx';
import { filingKindLabel } from '../../components/filing/status.tsx';
import './print.css';
import { filingKey } from './show.tsx';

/** 备案凭证: a print view (print CSS hides the admin chrome) with a QR code to the public check. */
export function FilingCertificate() {
  return (
    <RequirePermission anyOf={['filing.review', 'filing.view_region']}>
      <Certificate />
    </RequirePermission>
  );
}

function Certificate() {
  const { id = '' } = useParams();
  const filing = useQuery({ queryKey: filingKey(id), queryFn: () => fetchFiling(id) });
  const county = useQuery({
    queryKey: ['region-names', filing.data?.county_code],
    queryFn: () => fetchRegionNames([filing.data?.county_code ?? '']),
    enabled: !!filing.data,
    staleTime: 60 * 60_000,
  });

  if (filing.isLoading) return <Skeleton active />;
  if (filing.isError) return <QueryError error={filing.error as { message?: string }} />;
  const row = filing.data;
  if (!row) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="certificate-not-found"
        message="未找到该备案，或您无权查看"
        description="备案凭证只向机构所在县区及上级卫健部门提供；请从备案审核列表进入。"
      />
    );
  }
  if (row.status !== 'approved' || !row.filing_no) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="certificate-unavailable"
        message="暂无备案凭证"
        description="只有已准予备案的申请才能打印备案凭证。"
      />
    );
  }
  const countyName = county.data?.get(row.county_code) ?? '';
  // The admin's public /verify page at the configured public address (config/env.ts).
  const address = publicAddress(env, window.location.origin);
  const qrValue = filingVerificationUrl(address.base, row.filing_no);
  const institution = row.institution;
  return (
    <div>
      {address.warning ? (
        <Alert className="no-print" type="warning" showIcon style={{ marginBottom: 16 }} message="二维码地址需要配置" description={address.warning} data-testid="certificate-address-warning" />
      ) : null}
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="certificate-print">
          打印
        </Button>
        <Link to={`/filing-reviews/${row.id}`}>返回备案详情</Link>
      </Space>
      <section className="certificate-sheet" data-testid="certificate">
        <h1>托育机构备案凭证</h1>
        <dl>
          <dt>备案号</dt>
          <dd data-testid="certificate-filing-no">{row.filing_no}</dd>
          <dt>机构名称</dt>
          <dd data-testid="certificate-institution">{institution?.name}</dd>
          <dt>机构类型</dt>
          <dd>{labelOf(INSTITUTION_TYPE_LABELS, institution?.type)}</dd>
          <dt>地址</dt>
          <dd>{institution?.public_address ?? institution?.street?.name ?? '—'}</dd>
          <dt>备案事项</dt>
          <dd>{filingKindLabel(row.kind)}</dd>
          <dt>备案日期</dt>
          <dd data-testid="certificate-date">{formatDate(row.decided_at)}</dd>
        </dl>
        <div className="certificate-footer">
          <div className="certificate-qr">
            <QRCodeSVG value={qrValue} size={132} level="M" marginSize={1} data-testid="certificate-qr" data-qr-value={qrValue} />
            <div>扫码核验备案信息</div>
            <div className="no-print" style={{ marginTop: 4 }}>
              <Link to={filingVerificationPath(row.filing_no)} target="_blank" data-testid="certificate-verify-link">
                在线核验
              </Link>
            </div>
          </div>
          <div className="certificate-seal">
            <div data-testid="certificate-bureau">{countyName ? `${countyName}卫生健康局` : '县级卫生健康行政部门'}</div>
            <div>{row.decided_at ? formatDate(row.decided_at) : ''}</div>
          </div>
        </div>
      </section>
    </div>
  );
}
