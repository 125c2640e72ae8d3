import { CERTIFICATE_STATE_LABELS, type CertificateState, chinaToday, healthCertificateState, labelOf, labelOptions, CERTIFICATE_TYPE_LABELS, INSTITUTION_STAFF_ROLE_LABELS, type CertificateType, type InstitutionStaffRole } from '@tuoyu/domain';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { useDeleteRow, useSaveStaff, useStaff, useStaffIdOverview, type Institution, type StaffRow } from './queries.ts';

const STATE_COLORS: Record<CertificateState, string> = { missing: 'default', expired: 'red', expiring: 'orange', valid: 'green' };

export function HealthCertificateTag({ expiresOn }: { expiresOn: string | null }) {
  const state = healthCertificateState(expiresOn, chinaToday());
  return (
    <Tag color={STATE_COLORS[state]} data-testid="health-certificate-state" data-state={state}>
      {CERTIFICATE_STATE_LABELS[state]}
    </Tag>
  );
}

/** 资格证书 expiry, same states as the health certificate (即将到期 within 30 days). */
function CertificateTag({ expiresOn }: { expiresOn: string }) {
  const state = healthCertificateState(expiresOn, chinaToday());
  return (
    <Tag color={STATE_COLORS[state]} data-testid="certificate-state" data-state={state}>
      {CERTIFICATE_STATE_LABELS[state]}
    </Tag>
  );
}

type Values = {
  name: string;
  role: InstitutionStaffRole;
  certificate_type?: CertificateType | null;
  certificate_no?: string | null;
  certificate_expires_on?: string | null;
  id_number?: string;
  health_certificate_expires_on?: string | null;
  employed_since?: string | null;
};

/** Dates are native date inputs (YYYY-MM-DD): the antd date picker would add ~40 KB to the shared antd chunk. */
const isoDate = (d: string | null | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null);

/** 从业人员: certificates, health certificate expiry (即将到期 within 30 days). */
export function StaffTab({ institution }: { institution: Institution }) {
  const staff = useStaff(institution.id);
  const idNumbers = useStaffIdOverview(institution.id);
  const save = useSaveStaff(institution.id);
  const remove = useDeleteRow('staff', institution.id);
  const { message } = App.useApp();
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const open = (row: StaffRow | 'new') => {
    setError(null);
    setEditing(row);
    form.resetFields();
    if (row !== 'new') {
      form.setFieldsValue({
        name: row.name,
        role: row.role,
        certificate_type: row.certificate_type,
        certificate_no: row.certificate_no,
        certificate_expires_on: row.certificate_expires_on,
        health_certificate_expires_on: row.health_certificate_expires_on,
        employed_since: row.employed_since,
      });
    }
  };

  const submit = (values: Values) => {
    setError(null);
    save.mutate(
      {
        id: editing && editing !== 'new' ? editing.id : null,
        idNumber: values.id_number,
        values: {
          name: values.name.trim(),
          role: values.role,
          certificate_type: values.certificate_type || null,
          certificate_no: values.certificate_no?.trim() || null,
          certificate_expires_on: isoDate(values.certificate_expires_on),
          health_certificate_expires_on: isoDate(values.health_certificate_expires_on),
          employed_since: isoDate(values.employed_since),
        },
      },
      {
        onSuccess: () => {
          setEditing(null);
          void message.success('人员信息已保存');
        },
        onError: (e) => setError(e.message),
      },
    );
  };

  const expiring = (staff.data ?? []).filter((s) => {
    const st = healthCertificateState(s.health_certificate_expires_on, chinaToday());
    return st === 'expired' || st === 'expiring';
  });

  return (
    <div data-testid="staff-tab">
      {expiring.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="staff-expiry-warning"
          message={`${expiring.length} 名人员的健康证已过期或将在 30 天内到期，请及时办理并更新有效期：${expiring.map((s) => s.name).join('、')}`}
        />
      )}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} style={{ marginBottom: 12 }} data-testid="staff-add">
        新增人员
      </Button>
      {staff.isError && <QueryError error={staff.error} onRetry={() => void staff.refetch()} />}
      <Table<StaffRow>
        rowKey="id"
        size="middle"
        loading={staff.isLoading}
        dataSource={staff.data ?? []}
        pagination={false}
        data-testid="staff-table"
        locale={{ emptyText: <EmptyState description="还没有从业人员，请点击“新增人员”添加" /> }}
        onRow={(row) => ({ 'data-testid': `staff-row-${row.name}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '岗位', dataIndex: 'role', render: (v: string) => labelOf(INSTITUTION_STAFF_ROLE_LABELS, v) },
          { title: '资格证书', dataIndex: 'certificate_type', render: (v: string | null) => (v ? labelOf(CERTIFICATE_TYPE_LABELS, v) : '—') },
          { title: '证书编号', dataIndex: 'certificate_no', render: (v: string | null) => v ?? '—' },
          {
            title: '证书有效期',
            dataIndex: 'certificate_expires_on',
            render: (v: string | null, row) => (row.certificate_type ? (v ? <Space>{v}<CertificateTag expiresOn={v} /></Space> : '长期') : '—'),
          },
          { title: '身份证号', key: 'id_number', render: (_, row) => <span data-testid={`staff-id-${row.name}`}>{idNumbers.data?.get(row.id) ?? '未登记'}</span> },
          {
            title: '健康证有效期',
            dataIndex: 'health_certificate_expires_on',
            render: (v: string | null) => (
              <Space>
                {v ?? '—'}
                <HealthCertificateTag expiresOn={v} />
              </Space>
            ),
          },
          { title: '入职日期', dataIndex: 'employed_since', render: (v: string | null) => v ?? '—' },
          {
            title: '操作',
            render: (_, row) => (
              <Space>
                <Button size="small" type="link" onClick={() => open(row)} data-testid={`staff-edit-${row.name}`}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除“${row.name}”？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() =>
                    remove.mutate(row.id, {
                      onSuccess: () => void message.success('已删除'),
                      onError: (e) => void message.error(e.message),
                    })
                  }
                >
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增人员' : '编辑人员'}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'staff-save' } as Record<string, string>}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit} data-testid="staff-form">
          {error && <Alert type="error" showIcon message="保存失败" description={error} style={{ marginBottom: 12 }} data-testid="staff-error" />}
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不能超过 50 个字' }]}>
            <Input data-testid="staff-name" />
          </Form.Item>
          <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select options={labelOptions(INSTITUTION_STAFF_ROLE_LABELS)} data-testid="staff-role" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="certificate_type" label="资格证书">
              <Select allowClear style={{ width: 200 }} options={labelOptions(CERTIFICATE_TYPE_LABELS)} placeholder="无" data-testid="staff-certificate-type" />
            </Form.Item>
            <Form.Item
              name="certificate_no"
              label="证书编号"
              dependencies={['certificate_type']}
              rules={[
                { max: 64, message: '证书编号不能超过 64 个字符' },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    !!getFieldValue('certificate_type') === !!v?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error('资格证书类型和证书编号须同时填写或同时留空')),
                }),
              ]}
            >
              <Input style={{ width: 220 }} data-testid="staff-certificate-no" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="certificate_expires_on" label="资格证书有效期至（长期有效可不填）">
              <Input type="date" style={{ width: 180 }} data-testid="staff-certificate-expiry" />
            </Form.Item>
            <Form.Item
              name="id_number"
              label="身份证号（加密保存，仅本机构和属地卫健部门可见；留空不修改）"
              rules={[{ pattern: /^\s*[0-9]{17}[0-9Xx]\s*$/, message: '身份证号应为18位，最后一位可为X' }]}
            >
              <Input style={{ width: 240 }} placeholder={editing && editing !== 'new' ? idNumbers.data?.get(editing.id) ?? '' : ''} data-testid="staff-id-number" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="health_certificate_expires_on" label="健康证有效期至">
              <Input type="date" style={{ width: 180 }} data-testid="staff-health-expiry" />
            </Form.Item>
            <Form.Item name="employed_since" label="入职日期">
              <Input type="date" style={{ width: 180 }} data-testid="staff-employed-since" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
