-- =============================================================================================
-- 政策与科学育儿 Policies and parenting articles (issue 14, F1 + F7)
--   policies                  托育政策: issuing body, level (national/province/city/county), 文号,
--                             dates, tags, summary and full text; authored by admins of that level
--   policy_subsidy_amounts    the amounts of a 补贴 policy, as a table
--   articles                  科学育儿 articles by age band (months) and topic
--   bucket content-images     public images (banners, covers, expert photos): jpeg/png/webp ≤ 2 MB
-- Chinese search: pg_trgm over one generated search text; `ilike '%词%'` is answered by the trigram
-- index on Postgres (C.UTF-8 ctype, so Chinese characters make trigrams) and by a scan on PGlite —
-- the same answers on both. policies_for_region() is the one home of "which policies apply here".
-- =============================================================================================

create extension if not exists pg_trgm with schema extensions;

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.policy_level as enum ('national', 'province', 'city', 'county');
comment on type public.policy_level is '政策层级：national 国家 / province 省级 / city 市级 / county 县区级';

create type public.article_topic as enum ('nutrition', 'sleep', 'development', 'safety', 'disease_prevention');
comment on type public.article_topic is '科学育儿主题：nutrition 营养 / sleep 睡眠 / development 发育 / safety 安全 / disease_prevention 疾病预防';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.policies (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 2 and 200),
  issuing_body text not null check (length(issuing_body) between 2 and 200),
  level public.policy_level not null,
  region_code text references public.regions (code),
  province_code text generated always as (case when region_code is not null then substr(region_code, 1, 2) || '0000000000' end) stored,
  document_no text not null default '' check (length(document_no) <= 100),
  issued_on date not null,
  effective_on date,
  expires_on date,
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  summary text not null default '' check (length(summary) <= 2000),
  body text not null default '' check (length(body) <= 200000),
  attachment_path text check (attachment_path ~ '^[A-Za-z0-9/_.-]{1,300}$'),
  search_text text generated always as (title || ' ' || document_no || ' ' || issuing_body || ' ' || summary || ' ' || body) stored,
  published_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint policies_region_check check ((level = 'national') = (region_code is null)),
  -- effective_on may precede issued_on (retroactive policies such as 育儿补贴 from 2025-01-01)
  constraint policies_dates_check check (expires_on is null or expires_on >= coalesce(effective_on, issued_on))
);
comment on table public.policies is '托育政策：国家及省、市、县区政策文件；发布后公开，按地区适用';
comment on column public.policies.id is '主键';
comment on column public.policies.title is '标题';
comment on column public.policies.issuing_body is '发文机关';
comment on column public.policies.level is '层级：national 国家 / province 省级 / city 市级 / county 县区级';
comment on column public.policies.region_code is '适用区划（国家级为空；其余为对应层级的区划）';
comment on column public.policies.province_code is '所属省（由区划推导）';
comment on column public.policies.document_no is '文号';
comment on column public.policies.issued_on is '发布日期';
comment on column public.policies.effective_on is '施行日期';
comment on column public.policies.expires_on is '有效期至';
comment on column public.policies.tags is '标签（补贴、备案、普惠、用人单位办托、税费减免等）';
comment on column public.policies.summary is '摘要（纯文本）';
comment on column public.policies.body is '全文（纯文本）';
comment on column public.policies.attachment_path is '附件（存储桶 content-images 或外部归档中的路径）';
comment on column public.policies.search_text is '检索文本（标题、文号、发文机关、摘要、全文；三元组索引）';
comment on column public.policies.published_at is '发布时间（为空表示草稿）';
comment on column public.policies.created_by is '录入人';
comment on column public.policies.created_at is '创建时间';
comment on column public.policies.updated_at is '更新时间';
create index policies_region_code_idx on public.policies (region_code);
create index policies_province_code_idx on public.policies (province_code);
create index policies_created_by_idx on public.policies (created_by);
create index policies_published_at_idx on public.policies (published_at);
create index policies_issued_on_idx on public.policies (issued_on desc) where published_at is not null;
create index policies_tags_idx on public.policies using gin (tags);
create index policies_search_text_trgm_idx on public.policies using gin (search_text extensions.gin_trgm_ops);

create table public.policy_subsidy_amounts (
  id bigint generated always as identity primary key,
  policy_id uuid not null references public.policies (id) on delete cascade,
  item text not null check (length(item) between 1 and 100),
  amount_yuan numeric(12, 2) not null check (amount_yuan >= 0),
  unit text not null default '元' check (length(unit) between 1 and 32),
  note text not null default '' check (length(note) <= 200),
  sort integer not null default 0
);
comment on table public.policy_subsidy_amounts is '补贴政策的补贴标准（以表格展示）';
comment on column public.policy_subsidy_amounts.id is '主键';
comment on column public.policy_subsidy_amounts.policy_id is '政策ID';
comment on column public.policy_subsidy_amounts.item is '补贴项目（如 托小班运营补贴）';
comment on column public.policy_subsidy_amounts.amount_yuan is '金额（元）';
comment on column public.policy_subsidy_amounts.unit is '单位（如 元/人·年）';
comment on column public.policy_subsidy_amounts.note is '说明';
comment on column public.policy_subsidy_amounts.sort is '排序';
create index policy_subsidy_amounts_policy_id_idx on public.policy_subsidy_amounts (policy_id, sort);

create table public.articles (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 2 and 200),
  topic public.article_topic not null,
  min_age_months integer not null default 0 check (min_age_months between 0 and 72),
  max_age_months integer not null default 36 check (max_age_months between 0 and 72),
  summary text not null default '' check (length(summary) <= 1000),
  body text not null default '' check (length(body) <= 50000),
  cover_path text check (cover_path ~ '^[A-Za-z0-9/_.-]{1,300}$'),
  image_paths text[] not null default '{}' check (cardinality(image_paths) <= 20),
  region_code text references public.regions (code),
  source text not null default '' check (length(source) <= 200),
  published_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint articles_ages_check check (min_age_months <= max_age_months)
);
comment on table public.articles is '科学育儿文章：按月龄段与主题（营养、睡眠、发育、安全、疾病预防）';
comment on column public.articles.id is '主键';
comment on column public.articles.title is '标题';
comment on column public.articles.topic is '主题：nutrition 营养 / sleep 睡眠 / development 发育 / safety 安全 / disease_prevention 疾病预防';
comment on column public.articles.min_age_months is '适用月龄下限';
comment on column public.articles.max_age_months is '适用月龄上限';
comment on column public.articles.summary is '摘要（纯文本）';
comment on column public.articles.body is '正文（纯文本）';
comment on column public.articles.cover_path is '封面图（存储桶 content-images 中的路径）';
comment on column public.articles.image_paths is '正文配图（存储桶 content-images 中的路径）';
comment on column public.articles.region_code is '发布区划（为空表示全国通用，仅平台维护）';
comment on column public.articles.source is '来源';
comment on column public.articles.published_at is '发布时间（为空表示草稿）';
comment on column public.articles.created_by is '作者';
comment on column public.articles.created_at is '创建时间';
comment on column public.articles.updated_at is '更新时间';
create index articles_region_code_idx on public.articles (region_code);
create index articles_created_by_idx on public.articles (created_by);
create index articles_published_at_idx on public.articles (published_at);
create index articles_ages_idx on public.articles (min_age_months, max_age_months) where published_at is not null;

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger policies_touch_updated_at before update on public.policies
  for each row execute function private.touch_updated_at();
create trigger articles_touch_updated_at before update on public.articles
  for each row execute function private.touch_updated_at();

-- Plain text; the region is of the policy's level; tags trimmed and unique.
create function private.policies_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  region_level public.region_level;
begin
  new.title := btrim(private.plain_text(new.title));
  new.issuing_body := btrim(private.plain_text(new.issuing_body));
  new.summary := private.plain_text(new.summary);
  new.body := private.plain_text(new.body);
  new.tags := coalesce((select array_agg(distinct btrim(t)) from unnest(new.tags) t where btrim(t) <> ''), '{}');
  if exists (select 1 from unnest(new.tags) t where length(t) > 16) then
    raise exception '标签不能超过16个字' using errcode = '23514';
  end if;
  if new.region_code is not null then
    select r.level into region_level from public.regions r where r.code = new.region_code;
    if region_level::text is distinct from new.level::text then
      raise exception '政策层级与适用区划的层级不一致（国家级政策不填区划，省、市、县区级政策填对应层级的区划）' using errcode = '23514';
    end if;
  end if;
  if tg_op = 'INSERT' then
    new.created_by := coalesce((select auth.uid()), new.created_by);
  end if;
  return new;
end;
$$;
create trigger policies_before_write before insert or update on public.policies
  for each row execute function private.policies_before_write();

create function private.articles_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.title := btrim(private.plain_text(new.title));
  new.summary := private.plain_text(new.summary);
  new.body := private.plain_text(new.body);
  if tg_op = 'INSERT' then
    new.created_by := coalesce((select auth.uid()), new.created_by);
  end if;
  return new;
end;
$$;
create trigger articles_before_write before insert or update on public.articles
  for each row execute function private.articles_before_write();

-- =============================================================================================
-- Policies (row security)
-- =============================================================================================

-- A policy is authored by admins of its own level (a county admin for the county, …); national
-- policies by the service role only.
alter table public.policies enable row level security;
create policy policies_select_public on public.policies for select to anon, authenticated using (published_at is not null);
create policy policies_select_author on public.policies for select to authenticated
  using (region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy policies_insert_admin on public.policies for insert to authenticated
  with check (region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy policies_update_admin on public.policies for update to authenticated
  using (region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy policies_delete_admin on public.policies for delete to authenticated
  using (region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.policies from anon;
revoke truncate on public.policies from authenticated;

alter table public.policy_subsidy_amounts enable row level security;
create policy policy_subsidy_amounts_select_visible on public.policy_subsidy_amounts for select to anon, authenticated
  using (exists (select 1 from public.policies p where p.id = policy_id));
create policy policy_subsidy_amounts_insert_admin on public.policy_subsidy_amounts for insert to authenticated
  with check (exists (select 1 from public.policies p where p.id = policy_id
                       and p.region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))));
create policy policy_subsidy_amounts_update_admin on public.policy_subsidy_amounts for update to authenticated
  using (exists (select 1 from public.policies p where p.id = policy_id
                  and p.region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))))
  with check (exists (select 1 from public.policies p where p.id = policy_id
                       and p.region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))));
create policy policy_subsidy_amounts_delete_admin on public.policy_subsidy_amounts for delete to authenticated
  using (exists (select 1 from public.policies p where p.id = policy_id
                  and p.region_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))));
revoke insert, update, delete, truncate on public.policy_subsidy_amounts from anon;
revoke truncate on public.policy_subsidy_amounts from authenticated;

alter table public.articles enable row level security;
create policy articles_select_public on public.articles for select to anon, authenticated using (published_at is not null);
create policy articles_select_admin on public.articles for select to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy articles_insert_admin on public.articles for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy articles_update_admin on public.articles for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy articles_delete_admin on public.articles for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.articles from anon;
revoke truncate on public.articles from authenticated;

-- Storage: public images, type and size limited by the bucket; staff upload under their region.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('content-images', 'content-images', true, 2097152, array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do update set public = true, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy content_images_objects_select_public on storage.objects for select to anon, authenticated
  using (bucket_id = 'content-images');
create policy content_images_objects_insert_staff on storage.objects for insert to authenticated
  with check (bucket_id = 'content-images'
              and (storage.foldername(name))[1] = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin,community_worker}'))));
create policy content_images_objects_delete_staff on storage.objects for delete to authenticated
  using (bucket_id = 'content-images'
         and (storage.foldername(name))[1] = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin,community_worker}'))));

-- =============================================================================================
-- Functions
-- =============================================================================================

-- The published policies that apply in a region (national + its province, city and county),
-- optionally matching words (Chinese substring, trigram-indexed) and a tag; newest first.
create function public.policies_for_region(region_code text, q text default null, tag text default null)
returns setof public.policies
language plpgsql
stable
set search_path = ''
as $$
declare
  r public.regions;
  pattern text;
begin
  select * into r from public.regions x where x.code = policies_for_region.region_code;
  if not found then
    raise exception '区划代码不存在：%', policies_for_region.region_code using errcode = '22023';
  end if;
  if length(coalesce(q, '')) > 50 then
    raise exception '搜索词不能超过50个字' using errcode = '22023';
  end if;
  if nullif(btrim(coalesce(q, '')), '') is not null then
    pattern := '%' || replace(replace(replace(btrim(q), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;
  return query
    select p.* from public.policies p
     where p.published_at is not null
       and (p.level = 'national' or p.region_code in (r.province_code, r.city_code, r.county_code))
       and (pattern is null or p.search_text ilike pattern)
       and (nullif(btrim(coalesce(tag, '')), '') is null or btrim(tag) = any (p.tags))
     order by p.issued_on desc, p.title
     limit 200;
end;
$$;
comment on function public.policies_for_region(text, text, text) is '适用于某地的已发布政策（国家 + 所在省、市、县区），可按中文词语检索与按标签筛选，按发布日期倒序，最多200条';
grant execute on function public.policies_for_region(text, text, text) to anon, authenticated, service_role;

revoke execute on function private.policies_before_write(), private.articles_before_write() from public;
