import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf } from '@tuoyu/domain';
import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { useInstitution, useMyMemberships, useRegionName } from './queries.ts';
import { Forbidden } from '../../components/require-permission.tsx';
import { BasicInfoTab } from './basic-info.tsx';
import { ClassesTab } from './classes.tsx';
import { FeesTab } from './fees.tsx';
import { LocationTab } from './location.tsx';
import { StaffTab } from './staff.tsx';
import { PhotosTab } from './photos.tsx';
import { OperatorNoticesCard } from '../filing-notices/operator-card.tsx';

const TABS = ['basic', 'location', 'classes', 'staff', 'fees', 'photos'] as const;

/**
 * One institution of the operator. Filed institutions are public, so RLS alone would let anybody
 * read the row: the page checks membership (get_my_permissions) and shows 无权访问 otherwise.
 */
export function MyInstitutionShow() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { loading, ids } = useMyMemberships();
  const member = ids.includes(id);
  const institution = useInstitution(id, member);
  const street = useRegionName(institution.data?.street_code);
  const county = useRegionName(institution.data?.county_code);

  if (loading) return <Skeleton active />;
  if (!member) {
    return <Forbidden description="您只能查看和维护本机构的信息。该机构不属于您的账号，或链接有误。" />;
  }
  if (institution.isLoading) return <Skeleton active />;
  if (institution.isError) return <QueryError error={institution.error} onRetry={() => void institution.refetch()} />;
  const row = institution.data;
  if (!row) {
    return (
      <div data-testid="my-institution-not-found">
        <Result status="404" title="未找到该机构" subTitle="机构可能已被删除，请返回本机构信息页面。" />
      </div>
    );
  }
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'basic';

  return (
    <Card
      data-testid="my-institution"
      title={
        <Space wrap>
          <span data-testid="my-institution-name">{row.name}</span>
          <Tag>{labelOf(INSTITUTION_TYPE_LABELS, row.type)}</Tag>
          <Tag color={row.status === 'filed' ? 'green' : 'default'} data-testid="my-institution-status">
            {labelOf(INSTITUTION_STATUS_LABELS, row.status)}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate(`/filings?institution=${row.id}`)} data-testid="my-institution-filings">
            备案记录
          </Button>
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate(`/filings/new?institution=${row.id}`)} data-testid="my-institution-start-filing">
            办理备案
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="备案号">{row.filing_no ?? '尚未备案'}</Descriptions.Item>
        <Descriptions.Item label="受理县区">{county.data ?? row.county_code}</Descriptions.Item>
        <Descriptions.Item label="所在街道">{street.data ?? row.street_code}</Descriptions.Item>
      </Descriptions>
      <OperatorNoticesCard institutionId={row.id} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams((p) => {
          p.set('tab', key);
          return p;
        }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'basic', label: <span data-testid="tab-basic">基本信息</span>, children: <BasicInfoTab institution={row} /> },
          { key: 'location', label: <span data-testid="tab-location">地址与坐标</span>, children: <LocationTab institution={row} /> },
          { key: 'classes', label: <span data-testid="tab-classes">班级</span>, children: <ClassesTab institution={row} /> },
          { key: 'staff', label: <span data-testid="tab-staff">从业人员</span>, children: <StaffTab institution={row} /> },
          { key: 'fees', label: <span data-testid="tab-fees">收费与预收费</span>, children: <FeesTab institution={row} /> },
          { key: 'photos', label: <span data-testid="tab-photos">机构照片</span>, children: <PhotosTab institution={row} /> },
        ]}
      />
    </Card>
  );
}
