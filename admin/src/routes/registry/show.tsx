import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf, OWNERSHIP_LABELS } from '@tuoyu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { StatusHistory } from '../../components/filing/status-history.tsx';
import { FilingStatusTag, filingKindLabel } from '../../components/filing/status.tsx';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { toHttpError } from '../../lib/errors.ts';
import { fetchInstitutionFilings, slotsOf, type RegistryRow } from './queries.ts';
import { CountyNoticesCard } from '../filing-notices/county-card.tsx';

const formatTime = (value: string | null) => formatDateTime(value);

async function fetchInstitution(id: string): Promise<RegistryRow | null> {
  const { data, error } = await supabaseClient
    .from('institutions')
    .select('id,name,type,ownership,affordable,status,filing_no,filed_at,county_code,public_address,street:regions!street_code(name),classes(capacity,enrolled)')
    .eq('id', id)
    .maybeSingle();
  if (error) {
    if (error.code === '22P02') return null;
    throw toHttpError(error);
  }
  return data as unknown as RegistryRow | null;
}

export function RegistryShow() {
  return (
    <RequirePermission anyOf={['institution.view_region']}>
      <RegistryDetail />
    </RequirePermission>
  );
}

function RegistryDetail() {
  const { id = '' } = useParams();
  const institution = useQuery({ queryKey: ['registry-institution', id], queryFn: () => fetchInstitution(id) });
  const filings = useQuery({ queryKey: ['registry-filings', id], queryFn: () => fetchInstitutionFilings(id), enabled: !!institution.data });
  if (institution.isLoading) return <Skeleton active />;
  if (institution.isError) return <QueryError error={institution.error as { message?: string }} />;
  const row = institution.data;
  if (!row) return <Alert type="warning" showIcon message="未找到该机构，或您无权查看" data-testid="registry-not-found" />;
  const { slots, enrolled } = slotsOf(row);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<span data-testid="registry-institution-name">{row.name}</span>} extra={<Link to="/registry">返回登记册</Link>}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="备案号">{row.filing_no ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备案状态">
            <Tag color={row.status === 'filed' ? 'green' : 'default'}>{labelOf(INSTITUTION_STATUS_LABELS, row.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="类型">{labelOf(INSTITUTION_TYPE_LABELS, row.type)}</Descriptions.Item>
          <Descriptions.Item label="举办性质">{labelOf(OWNERSHIP_LABELS, row.ownership)}</Descriptions.Item>
          <Descriptions.Item label="街道">{row.street?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备案时间">{formatTime(row.filed_at)}</Descriptions.Item>
          <Descriptions.Item label="托位数">{slots}</Descriptions.Item>
          <Descriptions.Item label="在托人数">{enrolled}</Descriptions.Item>
        </Descriptions>
      </Card>
      <CountyNoticesCard institutionId={row.id} countyCode={row.county_code} />
      <Card title="备案记录与状态变化" data-testid="registry-filings">
        {filings.isError && <QueryError error={filings.error as { message?: string }} />}
        {filings.isLoading ? (
          <Skeleton active />
        ) : (filings.data ?? []).length === 0 ? (
          <Empty description="暂无备案记录" />
        ) : (
          <Collapse
            defaultActiveKey={filings.data?.[0]?.id}
            items={(filings.data ?? []).map((f) => ({
              key: f.id,
              label: (
                <Space wrap>
                  <Typography.Text strong>{filingKindLabel(f.kind)}</Typography.Text>
                  <FilingStatusTag status={f.status} />
                  <span>提交于 {formatTime(f.submitted_at)}</span>
                  {f.filing_no && <span>备案号 {f.filing_no}</span>}
                </Space>
              ),
              extra: <Link to={`/filing-reviews/${f.id}`}>查看</Link>,
              children: <StatusHistory filingId={f.id} />,
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
