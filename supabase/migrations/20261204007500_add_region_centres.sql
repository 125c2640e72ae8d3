-- =============================================================================================
-- 区划中心点 Region centres (issue 16: the mini-program's region picker searches from a street's centre)
--   regions.centre_lat / centre_lng   a stored centre (GCJ-02) where one is known: the seats of the
--                                     pilot provinces, cities and counties of the demo data
--   public.region_centre(code)        the centre to search from: the region's own, else the mean
--                                     position of the filed institutions in it (a street's centre
--                                     where services are), else the nearest ancestor's
-- The statistical code list carries no coordinates; a real deployment fills centre_lat/centre_lng
-- for its streets from the county's GIS (an upsert in a new migration) and the derived centres
-- step aside.
-- =============================================================================================

alter table public.regions
  add column centre_lat numeric(9, 6),
  add column centre_lng numeric(9, 6),
  add constraint regions_centre_check check (
    (centre_lat is null and centre_lng is null)
    or (centre_lat between 3 and 54 and centre_lng between 73 and 136));
comment on column public.regions.centre_lat is '中心点纬度 GCJ-02（政府驻地附近；为空时由 region_centre 推算）';
comment on column public.regions.centre_lng is '中心点经度 GCJ-02（政府驻地附近；为空时由 region_centre 推算）';

-- Seats of the pilot regions (GCJ-02, near each government seat; approximate to ~1 km) ---------------
update public.regions r set centre_lat = v.lat, centre_lng = v.lng
  from (values
    ('370000000000', 36.668300, 117.020400), -- 山东省（济南）
    ('370100000000', 36.651200, 117.120100), -- 济南市
    ('370102000000', 36.666300, 117.024300), -- 历下区
    ('370800000000', 35.414600, 116.587100), -- 济宁市
    ('370811000000', 35.414600, 116.590500), -- 任城区
    ('370830000000', 35.729600, 116.493600), -- 汶上县
    ('410000000000', 34.765700, 113.753200), -- 河南省（郑州）
    ('410100000000', 34.746600, 113.625400), -- 郑州市
    ('410105000000', 34.780600, 113.683400), -- 金水区
    ('500000000000', 29.563000, 106.551600), -- 重庆市
    ('500103000000', 29.556600, 106.573300)  -- 渝中区
  ) as v (code, lat, lng)
 where r.code = v.code;

-- =============================================================================================
-- Functions
-- =============================================================================================

create function public.region_centre(region_code text)
returns table (lat numeric, lng numeric, source text)
language sql
stable
set search_path = ''
as $$
  with recursive chain as (
    select r.code, r.parent_code, r.centre_lat, r.centre_lng, 0 as depth
      from public.regions r where r.code = region_centre.region_code
    union all
    select p.code, p.parent_code, p.centre_lat, p.centre_lng, chain.depth + 1
      from public.regions p join chain on p.code = chain.parent_code
  ),
  own as (
    select c.centre_lat as lat, c.centre_lng as lng, 'region'::text as source, 0 as rank
      from chain c where c.depth = 0 and c.centre_lat is not null
  ),
  served as (
    select round(avg(i.public_lat), 6) as lat, round(avg(i.public_lng), 6) as lng, 'institutions'::text as source, 1 as rank
      from public.institutions i
     where i.status = 'filed' and i.public_lat is not null
       and region_centre.region_code in (i.street_code, i.county_code, i.city_code, i.province_code)
    having count(*) > 0
  ),
  ancestor as (
    select c.centre_lat as lat, c.centre_lng as lng, 'parent'::text as source, 2 as rank
      from chain c where c.depth > 0 and c.centre_lat is not null
     order by c.depth limit 1
  )
  select x.lat, x.lng, x.source
    from (select * from own union all select * from served union all select * from ancestor) x
   order by x.rank
   limit 1;
$$;
comment on function public.region_centre(text) is
  '区划中心点（GCJ-02）：本区划已登记的中心点；否则为区内已备案机构公开位置的平均值；否则为最近上级区划的中心点。source：region / institutions / parent';
grant execute on function public.region_centre(text) to anon, authenticated;
