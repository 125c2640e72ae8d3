import { List } from '@refinedev/antd';
import { usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { ARTICLE_TOPICS, ARTICLE_TOPIC_LABELS, ageBandText, isWithinRegion } from '@tuoyu/domain';
import { Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag } from 'antd';
import type { Permissions } from '../../lib/permissions.ts';
import { AuthoringTable } from './authoring-table.tsx';
import { RegionImageField } from './image-field.tsx';
import { listRows, type Row } from './queries.ts';

const ADMIN_ROLES = new Set(['province_admin', 'city_admin', 'county_admin']);

/** The regions the signed-in admin authors for (RLS: private.regions_in_scope of the admin roles). */
function useAuthorRegions() {
  const { data: permissions } = usePermissions<Permissions>({});
  const scopes = (permissions?.scopes ?? []).filter((s) => ADMIN_ROLES.has(s.role));
  const options = scopes.map((s) => ({ value: s.regionCode, label: s.regionName ?? s.regionCode }));
  const mayEdit = (regionCode: string | null) => regionCode !== null && scopes.some((s) => isWithinRegion(regionCode, s.regionCode));
  return { options, mayEdit, canCreate: scopes.length > 0, first: scopes[0]?.regionCode };
}

const required = (label: string) => [{ required: true, message: `请填写${label}` }];

type CampaignForm = { name: string; theme?: string; starts_on: string; ends_on: string; region_code: string; description?: string; banner_path?: string | null };
function Campaigns() {
  const regions = useAuthorRegions();
  return (
    <AuthoringTable<'campaigns', CampaignForm>
      table="campaigns" noun="宣传月" canCreate={regions.canCreate} mayEdit={(r) => regions.mayEdit(r.region_code)}
      initial={{ region_code: regions.first, theme: '普惠托育·科学育儿' }}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '主题', dataIndex: 'theme' },
        { title: '日期', render: (_, c) => `${c.starts_on} ～ ${c.ends_on}` },
      ]}
      toForm={(c) => ({ name: c.name, theme: c.theme, starts_on: c.starts_on, ends_on: c.ends_on, region_code: c.region_code, description: c.description, banner_path: c.banner_path })}
      toInsert={(v) => ({ name: v.name, theme: v.theme ?? '', starts_on: v.starts_on, ends_on: v.ends_on, year: Number(v.starts_on.slice(0, 4)),
        region_code: v.region_code, description: v.description ?? '', banner_path: v.banner_path ?? null })}
      form={() => (
        <>
          <Form.Item name="name" label="名称" rules={[...required('名称'), { min: 2, max: 100 }]}><Input data-testid="campaign-form-name" /></Form.Item>
          <Form.Item name="theme" label="主题"><Input maxLength={100} /></Form.Item>
          <Space wrap>
            <Form.Item name="starts_on" label="开始日期" rules={required('开始日期')}><Input type="date" data-testid="campaign-form-starts" /></Form.Item>
            <Form.Item name="ends_on" label="结束日期" rules={required('结束日期')}><Input type="date" data-testid="campaign-form-ends" /></Form.Item>
          </Space>
          <Form.Item name="region_code" label="组织区划" rules={required('组织区划')}><Select options={regions.options} /></Form.Item>
          <Form.Item name="description" label="简介（纯文本）"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          <Form.Item name="banner_path" label="横幅图片">
            <RegionImageField testId="campaign-banner" />
          </Form.Item>
        </>
      )}
    />
  );
}

type ArticleForm = { title: string; topic: Row<'articles'>['topic']; min_age_months: number; max_age_months: number; summary?: string; body?: string;
  cover_path?: string | null; image_paths?: string[]; region_code: string; source?: string; published: boolean };
function Articles() {
  const regions = useAuthorRegions();
  return (
    <AuthoringTable<'articles', ArticleForm>
      table="articles" noun="文章" canCreate={regions.canCreate} mayEdit={(r) => regions.mayEdit(r.region_code)}
      initial={{ region_code: regions.first, topic: 'nutrition', min_age_months: 0, max_age_months: 36, published: true, image_paths: [] }}
      columns={[
        { title: '标题', dataIndex: 'title' },
        { title: '主题', render: (_, a) => ARTICLE_TOPIC_LABELS[a.topic] },
        { title: '月龄', render: (_, a) => ageBandText(a.min_age_months, a.max_age_months) },
        { title: '状态', render: (_, a) => (a.published_at ? <Tag color="green">已发布</Tag> : <Tag>草稿</Tag>) },
      ]}
      toForm={(a) => ({ title: a.title, topic: a.topic, min_age_months: a.min_age_months, max_age_months: a.max_age_months, summary: a.summary, body: a.body,
        cover_path: a.cover_path, image_paths: a.image_paths, region_code: a.region_code ?? '', source: a.source, published: Boolean(a.published_at) })}
      toInsert={(v) => ({ title: v.title, topic: v.topic, min_age_months: v.min_age_months, max_age_months: v.max_age_months, summary: v.summary ?? '',
        body: v.body ?? '', cover_path: v.cover_path ?? null, image_paths: v.image_paths ?? [], region_code: v.region_code, source: v.source ?? '',
        published_at: v.published ? new Date().toISOString() : null })}
      form={() => (
        <>
          <Form.Item name="title" label="标题" rules={[...required('标题'), { min: 2, max: 200 }]}><Input data-testid="article-form-title" /></Form.Item>
          <Space wrap>
            <Form.Item name="topic" label="主题" rules={required('主题')}>
              <Select style={{ width: 140 }} options={ARTICLE_TOPICS.map((t) => ({ value: t, label: ARTICLE_TOPIC_LABELS[t] }))} />
            </Form.Item>
            <Form.Item name="min_age_months" label="适用月龄从"><InputNumber min={0} max={72} /></Form.Item>
            <Form.Item name="max_age_months" label="到"><InputNumber min={0} max={72} /></Form.Item>
          </Space>
          <Form.Item name="region_code" label="发布区划" rules={required('发布区划')}><Select options={regions.options} /></Form.Item>
          <Form.Item name="summary" label="摘要"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          <Form.Item name="body" label="正文（保存为纯文本，HTML 标签会被去掉）"><Input.TextArea rows={8} maxLength={50000} data-testid="article-form-body" /></Form.Item>
          <Form.Item name="cover_path" label="封面图"><RegionImageField testId="article-cover" /></Form.Item>
          <Form.Item name="image_paths" label="正文配图"><RegionImageField multiple testId="article-images" /></Form.Item>
          <Form.Item name="source" label="来源"><Input maxLength={200} /></Form.Item>
          <Form.Item name="published" label="发布" valuePropName="checked"><Switch /></Form.Item>
        </>
      )}
    />
  );
}

type CenterForm = { name: string; region_code: string; address?: string; lat?: number | null; lng?: number | null; phone?: string; opening_hours?: string; description?: string };
function Centers() {
  const regions = useAuthorRegions();
  return (
    <AuthoringTable<'guidance_centers', CenterForm>
      table="guidance_centers" noun="指导中心" canCreate={regions.canCreate} mayEdit={(r) => regions.mayEdit(r.region_code)}
      initial={{ region_code: regions.first }}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '地址', dataIndex: 'address' },
        { title: '电话', dataIndex: 'phone' },
      ]}
      toForm={(c) => ({ name: c.name, region_code: c.region_code, address: c.address, lat: c.lat, lng: c.lng, phone: c.phone ?? '', opening_hours: c.opening_hours, description: c.description })}
      toInsert={(v) => ({ name: v.name, region_code: v.region_code, address: v.address ?? '', lat: v.lat ?? null, lng: v.lng ?? null,
        phone: v.phone || null, opening_hours: v.opening_hours ?? '', description: v.description ?? '' })}
      form={() => (
        <>
          <Form.Item name="name" label="名称" rules={[...required('名称'), { min: 2, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="region_code" label="所属区划" rules={required('所属区划')}><Select options={regions.options} /></Form.Item>
          <Form.Item name="address" label="地址"><Input maxLength={200} /></Form.Item>
          <Space wrap>
            <Form.Item name="lat" label="纬度（GCJ-02）"><InputNumber min={-90} max={90} step={0.0001} /></Form.Item>
            <Form.Item name="lng" label="经度（GCJ-02）"><InputNumber min={-180} max={180} step={0.0001} /></Form.Item>
          </Space>
          <Form.Item name="phone" label="电话" rules={[{ pattern: /^\+?[0-9-]{5,20}$/, message: '电话只能包含数字和“-”' }]}><Input /></Form.Item>
          <Form.Item name="opening_hours" label="开放时间"><Input maxLength={100} /></Form.Item>
          <Form.Item name="description" label="简介（纯文本）"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        </>
      )}
    />
  );
}

type ExpertForm = { name: string; title?: string; speciality?: string; guidance_center_id?: string | null; region_code: string; bio?: string;
  photo_path?: string | null; active: boolean };
function Experts() {
  const regions = useAuthorRegions();
  const centers = useQuery({ queryKey: ['content', 'guidance_centers'], queryFn: () => listRows('guidance_centers') });
  return (
    <AuthoringTable<'experts', ExpertForm>
      table="experts" noun="专家" canCreate={regions.canCreate} mayEdit={(r) => regions.mayEdit(r.region_code)}
      initial={{ region_code: regions.first, active: true }}
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '职称', dataIndex: 'title' },
        { title: '专长', dataIndex: 'speciality' },
        { title: '在岗', render: (_, e) => (e.active ? '是' : '否') },
      ]}
      toForm={(e) => ({ name: e.name, title: e.title, speciality: e.speciality, guidance_center_id: e.guidance_center_id, region_code: e.region_code,
        bio: e.bio, photo_path: e.photo_path, active: e.active })}
      toInsert={(v) => ({ name: v.name, title: v.title ?? '', speciality: v.speciality ?? '', guidance_center_id: v.guidance_center_id ?? null,
        region_code: v.region_code, bio: v.bio ?? '', photo_path: v.photo_path ?? null, active: v.active })}
      form={() => (
        <>
          <Form.Item name="name" label="姓名" rules={[...required('姓名'), { max: 32 }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="title" label="职称"><Input maxLength={64} /></Form.Item>
            <Form.Item name="speciality" label="专长"><Input maxLength={200} /></Form.Item>
          </Space>
          <Form.Item name="region_code" label="服务区划" rules={required('服务区划')}><Select options={regions.options} /></Form.Item>
          <Form.Item name="guidance_center_id" label="所属指导中心">
            <Select allowClear options={(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="bio" label="简介（纯文本）"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="photo_path" label="照片"><RegionImageField testId="expert-photo" /></Form.Item>
          <Form.Item name="active" label="在岗" valuePropName="checked"><Switch /></Form.Item>
        </>
      )}
    />
  );
}

/** 内容管理: campaigns, articles, guidance centres and experts of the admin's regions. */
export function ContentPage() {
  return (
    <List title="宣传与育儿内容">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'campaigns', label: '宣传月', children: <Campaigns /> },
          { key: 'articles', label: '科学育儿文章', children: <Articles /> },
          { key: 'centers', label: '指导中心', children: <Centers /> },
          { key: 'experts', label: '专家团队', children: <Experts /> },
        ]}
      />
    </List>
  );
}
