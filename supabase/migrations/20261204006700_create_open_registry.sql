-- =============================================================================================
-- 开放数据 Open data: the public registry of filed institutions
--   open_registry   (view, anon) filed institutions with public fields only. 家庭托育点 are shown as
--                   an area only: the street name as address, no coordinates, the masked phone.
-- REST: GET /rest/v1/open_registry?county_code=eq.370830000000 (JSON), with `Accept: text/csv` the
-- same rows as CSV; filters on province_code / city_code / county_code / street_code select a region.
-- security_invoker: the rows come through the institutions' public policy and column grants, and
-- the view filters status = 'filed' itself, so a signed-in admin downloads the same public file.
-- =============================================================================================

create view public.open_registry with (security_invoker = true) as
  select i.filing_no,
         i.name,
         i.type,
         i.ownership,
         i.operating_model,
         i.affordable,
         array_to_string(i.services, ',') as services,
         i.province_code, p.name as province_name,
         i.city_code, c.name as city_name,
         i.county_code, co.name as county_name,
         i.street_code, st.name as street_name,
         case when i.type = 'home_based' then st.name else i.public_address end as public_address,
         case when i.type = 'home_based' then null else i.public_lat end as public_lat,
         case when i.type = 'home_based' then null else i.public_lng end as public_lng,
         i.public_contact_phone,
         coalesce((select sum(cl.capacity) from public.classes cl where cl.institution_id = i.id), 0)::integer as slots,
         i.meals_served,
         i.opening_hours,
         (i.filed_at at time zone 'Asia/Shanghai')::date as filed_on
    from public.institutions i
    join public.regions st on st.code = i.street_code
    join public.regions co on co.code = i.county_code
    left join public.regions c on c.code = i.city_code
    left join public.regions p on p.code = i.province_code
   where i.status = 'filed';
comment on view public.open_registry is '开放数据：已备案托育机构名录（仅公开字段；家庭托育点只显示所在街道，不含坐标，电话打码）。REST 匿名可读，Accept: text/csv 返回 CSV';
comment on column public.open_registry.filing_no is '备案号';
comment on column public.open_registry.name is '机构名称';
comment on column public.open_registry.type is '类型：center 托育机构 / home_based 家庭托育点';
comment on column public.open_registry.ownership is '举办性质';
comment on column public.open_registry.operating_model is '运营模式';
comment on column public.open_registry.affordable is '是否普惠';
comment on column public.open_registry.services is '服务类型（逗号分隔）';
comment on column public.open_registry.province_code is '省代码';
comment on column public.open_registry.province_name is '省';
comment on column public.open_registry.city_code is '市代码';
comment on column public.open_registry.city_name is '市';
comment on column public.open_registry.county_code is '县区代码';
comment on column public.open_registry.county_name is '县区';
comment on column public.open_registry.street_code is '街道（乡镇）代码';
comment on column public.open_registry.street_name is '街道（乡镇）';
comment on column public.open_registry.public_address is '地址（家庭托育点仅街道名称）';
comment on column public.open_registry.public_lat is '纬度 GCJ-02（家庭托育点为空）';
comment on column public.open_registry.public_lng is '经度 GCJ-02（家庭托育点为空）';
comment on column public.open_registry.public_contact_phone is '联系电话（家庭托育点打码）';
comment on column public.open_registry.slots is '托位数';
comment on column public.open_registry.meals_served is '是否提供膳食';
comment on column public.open_registry.opening_hours is '开放时间';
comment on column public.open_registry.filed_on is '备案日期';

revoke all on public.open_registry from anon, authenticated;
grant select on public.open_registry to anon, authenticated, service_role;
