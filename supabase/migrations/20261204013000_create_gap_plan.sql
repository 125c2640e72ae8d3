-- =============================================================================================
-- 缺口规划 Gap planner (issue 15 §4, F17)
--   For a province, city, county or street and a year:
--   gap_plan_regions()        (a) 各下级区划距千人托位目标缺少的托位（复用 region_indicators）
--   gap_plan_streets()        (b) 没有已备案普惠机构的街道（乡镇）
--   gap_plan_uncovered_areas()(c) 不在任何15分钟托育服务圈内的居民点，及到最近已备案机构的距离
--   gap_plan_candidates()     (d) 在哪个街道新建一个标准规模的普惠机构对指标提升最大（排序，附可达数值）
-- Every figure is derived from public data (registry, population, targets, residential points), so
-- like region_indicators' public figures anyone may read them; the functions are security definer
-- only to read the registry timeline (institution_history), which RLS keeps for staff.
-- Formulas: in `comment on` below and in admin/src/routes/statistics/README.md (缺口规划).
-- =============================================================================================

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- 托位缺口 = ⌈目标 × 人口 ÷ 1000⌉ − 托位，至少为0；人口为空或0、无目标 → 空. The domain mirror is
-- slotGap() in @tuoyu/domain (the statistics screen's ranking).
create function private.slots_lacking(slots integer, population integer, target numeric) returns integer
language sql
immutable
set search_path = ''
as $$
  select case when population > 0 and target is not null and slots is not null
              then greatest(0, ceil(target * population / 1000.0) - slots)::integer end
$$;
comment on function private.slots_lacking(integer, integer, numeric) is '托位缺口 = ⌈千人托位目标 × 常住人口 ÷ 1000⌉ − 托位数，不小于0；人口为空或0、没有目标时为空';

-- The region a plan is asked for (validated like region_indicators: year 2000–2100, known code).
create function private.gap_plan_region(region_code text, year integer) returns public.regions
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  reg public.regions%rowtype;
begin
  if year is null or year < 2000 or year > 2100 then
    raise exception '年度无效：%', year using errcode = '22023', hint = '年度须在2000–2100之间';
  end if;
  select * into reg from public.regions r where r.code = gap_plan_region.region_code;
  if reg.code is null then
    raise exception '区划不存在：%', gap_plan_region.region_code using errcode = 'P0002';
  end if;
  return reg;
end;
$$;
comment on function private.gap_plan_region(text, integer) is '缺口规划的区划（校验年度与区划代码）';

-- Streets of a region (the street itself for a street) with their figures at `as_of` (the registry
-- timeline) and today (residential points within 1 km of a filed institution).
create function private.gap_plan_street_figures(region_code text, as_of date, year integer)
returns table (street_code text, street_name text, county_code text, county_name text, city_code text, population integer,
               institutions integer, affordable_institutions integer, slots integer,
               residential_points integer, residential_points_covered integer)
language sql
stable
security definer
set search_path = ''
as $$
  with reg as (select * from public.regions r where r.code = gap_plan_street_figures.region_code),
  st as (
    select s.code, s.name, s.county_code, s.city_code
      from public.regions s, reg
     where s.level = 'street'
       and (case reg.level when 'province' then s.province_code when 'city' then s.city_code
                           when 'county' then s.county_code else s.code end) = reg.code
  ),
  h as (
    select h.street_code, count(*)::integer as n, count(*) filter (where h.affordable)::integer as a, sum(h.slots)::integer as s
      from public.institution_history h
     where h.street_code in (select code from st) and h.status = 'filed'
       and h.valid_from <= gap_plan_street_figures.as_of
       and (h.valid_to is null or h.valid_to > gap_plan_street_figures.as_of)
     group by h.street_code
  ),
  pts as (
    select a.street_code, count(*)::integer as n,
           count(*) filter (where exists (
             select 1 from public.institutions i
              where i.status = 'filed'
                and private.earth_box_m(private.earth_point(a.lat::double precision, a.lng::double precision), 1000)
                    operator(extensions.@>) private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
                and private.earth_distance_m(private.earth_point(a.lat::double precision, a.lng::double precision),
                      private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) <= 1000))::integer as covered
      from public.residential_areas a
     where a.street_code in (select code from st)
     group by a.street_code
  )
  select st.code, st.name, st.county_code, c.name, st.city_code,
         (select p.resident_population from public.region_populations p where p.region_code = st.code
           order by (p.year <= gap_plan_street_figures.year) desc, abs(p.year - gap_plan_street_figures.year) limit 1),
         coalesce(h.n, 0), coalesce(h.a, 0), coalesce(h.s, 0), coalesce(pts.n, 0), coalesce(pts.covered, 0)
    from st
    join public.regions c on c.code = st.county_code
    left join h on h.street_code = st.code
    left join pts on pts.street_code = st.code
$$;
comment on function private.gap_plan_street_figures(text, date, integer) is '区划内各街道（乡镇）：常住人口（当年，无则最近以前、再无最近以后年度）、as_of 当日已备案机构数、普惠机构数、托位数，以及现状的居民点数和1公里内有已备案机构的居民点数';

-- Residential points of a region outside every 15-minute circle (no filed institution within 1 km),
-- today, with the nearest filed institution (any region) and its distance.
create function private.gap_plan_uncovered(region_code text)
returns table (id bigint, name text, street_code text, county_code text, lat numeric, lng numeric, households integer,
               nearest_institution_id uuid, nearest_institution_name text, nearest_distance_m integer)
language sql
stable
security definer
set search_path = ''
as $$
  with reg as (select * from public.regions r where r.code = gap_plan_uncovered.region_code)
  select a.id, a.name, a.street_code, a.county_code, a.lat, a.lng, a.households, n.id, n.name, round(n.distance_m)::integer
    from public.residential_areas a
    cross join reg
    left join lateral (
      select i.id, i.name,
             private.earth_distance_m(private.earth_point(a.lat::double precision, a.lng::double precision),
               private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) as distance_m
        from public.institutions i
       where i.status = 'filed'
       order by private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
                operator(extensions.<->) private.earth_point(a.lat::double precision, a.lng::double precision)
       limit 1
    ) n on true
   where (case reg.level when 'province' then a.province_code when 'city' then a.city_code
                         when 'county' then a.county_code else a.street_code end) = reg.code
     and not exists (
       select 1 from public.institutions i
        where i.status = 'filed'
          and private.earth_box_m(private.earth_point(a.lat::double precision, a.lng::double precision), 1000)
              operator(extensions.@>) private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
          and private.earth_distance_m(private.earth_point(a.lat::double precision, a.lng::double precision),
                private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) <= 1000)
$$;
comment on function private.gap_plan_uncovered(text) is '区划内不在任何15分钟托育服务圈内的居民点（1公里内没有已备案机构，按现状），附最近的已备案机构及距离（米）';

-- =============================================================================================
-- (a) 各下级区划的托位缺口
-- =============================================================================================

create function public.gap_plan_regions(region_code text, year integer)
returns table (
  code text,
  region_name text,
  region_level public.region_level,
  is_total boolean,
  for_year integer,
  as_of date,
  population integer,
  population_year integer,
  institutions integer,
  affordable_institutions integer,
  slots integer,
  slots_per_1000 numeric,
  slots_per_1000_target numeric,
  slots_lacking integer,
  streets integer,
  streets_covered integer,
  street_coverage numeric,
  residential_points integer,
  residential_points_covered integer,
  service_circle_coverage numeric
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  reg public.regions := private.gap_plan_region(gap_plan_regions.region_code, gap_plan_regions.year);
begin
  return query
  select x.code, x.region_name, x.region_level, x.total, x.for_year, x.as_of, x.population, x.population_year,
         x.institutions, x.affordable_institutions, x.slots, x.slots_per_1000, x.slots_per_1000_target,
         private.slots_lacking(x.slots, x.population, x.slots_per_1000_target),
         x.streets, x.streets_covered, x.street_coverage, x.residential_points, x.residential_points_covered, x.service_circle_coverage
    from (select true as total, r.* from public.region_indicators(reg.code, gap_plan_regions.year, false) r
          union all
          select false, r.* from public.region_indicators(reg.code, gap_plan_regions.year, true) r) x
   order by x.total desc, private.slots_lacking(x.slots, x.population, x.slots_per_1000_target) desc nulls last, x.code;
end;
$$;
comment on function public.gap_plan_regions(text, integer) is
'缺口规划（一）托位缺口：第一行是区划本身（is_total），其后每个下级区划（市的各县区、县的各街道乡镇）一行，数值取自 region_indicators。托位缺口 slots_lacking = ⌈千人托位目标 × 常住人口 ÷ 1000⌉ − 托位数（该年12月31日），不小于0；人口为空或0、没有目标时为空。区划本身的缺口按区划合计计算，不等于下级缺口之和（已达标的下级不抵补未达标的）。排序：缺口从大到小。';

-- =============================================================================================
-- (b) 没有普惠机构的街道
-- =============================================================================================

create function public.gap_plan_streets(region_code text, year integer)
returns table (
  street_code text,
  street_name text,
  county_code text,
  county_name text,
  population integer,
  institutions integer,
  slots integer,
  residential_points integer,
  residential_points_covered integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  reg public.regions := private.gap_plan_region(gap_plan_streets.region_code, gap_plan_streets.year);
  d date := least(make_date(gap_plan_streets.year, 12, 31), private.today_cn());
begin
  return query
  select s.street_code, s.street_name, s.county_code, s.county_name, s.population, s.institutions, s.slots,
         s.residential_points, s.residential_points_covered
    from private.gap_plan_street_figures(reg.code, d, gap_plan_streets.year) s
   where s.affordable_institutions = 0
   order by s.county_code, s.street_code;
end;
$$;
comment on function public.gap_plan_streets(text, integer) is
'缺口规划（二）没有普惠机构的街道（乡镇）：区划内该年12月31日（当年为今天）没有已备案普惠托育机构的街道，附常住人口、已备案机构数与托位数、居民点数与1公里内有已备案机构的居民点数（现状）。其数目 = streets − streets_covered（region_indicators）。';

-- =============================================================================================
-- (c) 服务圈外的居民点
-- =============================================================================================

create function public.gap_plan_uncovered_areas(region_code text)
returns table (
  id bigint,
  name text,
  street_code text,
  street_name text,
  county_code text,
  county_name text,
  lat numeric,
  lng numeric,
  households integer,
  nearest_institution_id uuid,
  nearest_institution_name text,
  nearest_distance_m integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  reg public.regions := private.gap_plan_region(gap_plan_uncovered_areas.region_code, 2000);
begin
  return query
  select u.id, u.name, u.street_code, s.name, u.county_code, c.name, u.lat, u.lng, u.households,
         u.nearest_institution_id, u.nearest_institution_name, u.nearest_distance_m
    from private.gap_plan_uncovered(reg.code) u
    join public.regions s on s.code = u.street_code
    join public.regions c on c.code = u.county_code
   order by u.nearest_distance_m desc nulls first, u.id;
end;
$$;
comment on function public.gap_plan_uncovered_areas(text) is
'缺口规划（三）服务圈外的居民点：区划内1公里（步行约15分钟）内没有已备案托育机构的居民点（residential_areas，按现状），附最近的已备案机构（不限区划）与直线距离（米，无已备案机构时为空）。排序：距离从远到近。其数目 = residential_points − residential_points_covered（region_indicators）。';

-- =============================================================================================
-- (d) 新增托位放在哪里提升最大
-- =============================================================================================

create function public.gap_plan_candidates(region_code text, year integer, places integer default 100)
returns table (
  rank integer,
  street_code text,
  street_name text,
  county_code text,
  county_name text,
  sub_code text,
  sub_name text,
  added_slots integer,
  site_area_id bigint,
  site_name text,
  site_lat numeric,
  site_lng numeric,
  gains_affordable boolean,
  points_newly_covered integer,
  households_newly_covered integer,
  sub_slots_lacking integer,
  sub_slots_per_1000 numeric,
  sub_slots_per_1000_after numeric,
  slots_per_1000 numeric,
  slots_per_1000_after numeric,
  affordable_share numeric,
  affordable_share_after numeric,
  street_coverage numeric,
  street_coverage_after numeric,
  service_circle_coverage numeric,
  service_circle_coverage_after numeric
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  reg public.regions := private.gap_plan_region(gap_plan_candidates.region_code, gap_plan_candidates.year);
  y integer := gap_plan_candidates.year;
  n integer := gap_plan_candidates.places;
  tot record;
begin
  if n is null or n < 1 or n > 1000 then
    raise exception '新建机构的托位数无效：%', n using errcode = '22023', hint = '托位数须在1–1000之间';
  end if;
  select * into tot from public.region_indicators(reg.code, y, false);
  return query
  with st as (
    select * from private.gap_plan_street_figures(reg.code, tot.as_of, y)
  ),
  subs as (
    select * from public.region_indicators(reg.code, y, true)
  ),
  unc as (
    select * from private.gap_plan_uncovered(reg.code)
  ),
  -- every uncovered point as a site: the uncovered points of the same county within 1 km of it
  reach as (
    select p.id, p.street_code, count(*)::integer as pts, coalesce(sum(q.households), 0)::integer as hh
      from unc p
      join unc q on q.county_code = p.county_code
       and private.earth_box_m(private.earth_point(p.lat::double precision, p.lng::double precision), 1000)
           operator(extensions.@>) private.earth_point(q.lat::double precision, q.lng::double precision)
       and private.earth_distance_m(private.earth_point(p.lat::double precision, p.lng::double precision),
             private.earth_point(q.lat::double precision, q.lng::double precision)) <= 1000
     group by p.id, p.street_code
  ),
  best as (
    select distinct on (r.street_code) r.street_code, r.id, r.pts, r.hh
      from reach r
     order by r.street_code, r.pts desc, r.hh desc, r.id
  ),
  c as (
    select st.*, b.id as site_id, coalesce(b.pts, 0) as pts, coalesce(b.hh, 0) as hh,
           st.affordable_institutions = 0 as gains,
           sb.code as sb_code, sb.region_name as sb_name, sb.slots as sb_slots, sb.population as sb_population,
           sb.slots_per_1000 as sb_per_1000,
           private.slots_lacking(sb.slots, sb.population, sb.slots_per_1000_target) as sb_lacking
      from st
      left join best b on b.street_code = st.street_code
      left join subs sb on sb.code = (case reg.level when 'province' then st.city_code when 'city' then st.county_code
                                                    else st.street_code end)
  )
  select (row_number() over (order by c.gains desc, c.pts desc, c.sb_lacking desc nulls last, c.hh desc, c.street_code))::integer,
         c.street_code, c.street_name, c.county_code, c.county_name,
         coalesce(c.sb_code, c.street_code), coalesce(c.sb_name, c.street_name), n,
         c.site_id, a.name, a.lat, a.lng, c.gains, c.pts, c.hh,
         c.sb_lacking, c.sb_per_1000,
         case when c.sb_population > 0 then round((c.sb_slots + n) * 1000.0 / c.sb_population, 2) end,
         tot.slots_per_1000,
         case when tot.population > 0 then round((tot.slots + n) * 1000.0 / tot.population, 2) end,
         tot.affordable_share,
         round((tot.affordable_slots + n) * 100.0 / (tot.slots + n), 2),
         tot.street_coverage,
         case when tot.streets > 0 then round((tot.streets_covered + case when c.gains then 1 else 0 end) * 100.0 / tot.streets, 2) end,
         tot.service_circle_coverage,
         case when tot.residential_points > 0 then round((tot.residential_points_covered + c.pts) * 100.0 / tot.residential_points, 2) end
    from c
    left join public.residential_areas a on a.id = c.site_id
   order by 1;
end;
$$;
comment on function public.gap_plan_candidates(text, integer, integer) is
'缺口规划（四）新增托位的候选地点：区划内每个街道（乡镇）一行，设想在该街道新建1个标准规模的普惠托育机构（places 个托位，默认100，可调），选址在该街道服务圈外的居民点中1公里内能覆盖最多服务圈外居民点（同县区内计）的那一个（并列取户数多者；街道没有服务圈外居民点时不指定选址）。每行给出建成后可达的数值（该年12月31日的托位加上 places）：区划千人托位数 = (托位 + places) ÷ 常住人口 × 1000；所在下级区划（市的县区、县的街道）千人托位数同理；普惠托位占比 = (普惠托位 + places) ÷ (托位 + places) × 100%；街道普惠覆盖率 = (有普惠机构的街道 + 该街道原无普惠机构则1) ÷ 街道数 × 100%；15分钟服务圈覆盖率 = (已覆盖居民点 + 新覆盖居民点) ÷ 居民点 × 100%。排序（rank）：先是使街道首次有普惠机构的（街道覆盖率提高），再按新覆盖居民点数（服务圈覆盖率提高）从多到少，再按所在下级区划的托位缺口从大到小，再按新覆盖户数。千人托位数与普惠占比的提高对每个候选相同，故不参与排序。分母为0或缺数据时为空。';

-- =============================================================================================
-- Grants and the screen's permission
-- =============================================================================================

revoke execute on function public.gap_plan_regions(text, integer) from public;
grant execute on function public.gap_plan_regions(text, integer) to anon, authenticated, service_role;
revoke execute on function public.gap_plan_streets(text, integer) from public;
grant execute on function public.gap_plan_streets(text, integer) to anon, authenticated, service_role;
revoke execute on function public.gap_plan_uncovered_areas(text) from public;
grant execute on function public.gap_plan_uncovered_areas(text) to anon, authenticated, service_role;
revoke execute on function public.gap_plan_candidates(text, integer, integer) from public;
grant execute on function public.gap_plan_candidates(text, integer, integer) to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.slots_lacking(integer, integer, numeric) to anon, authenticated, service_role;

-- 缺口规划 screen for the province, city and county admins
insert into private.role_permissions (role, permission) values
  ('province_admin', 'stats.gap_plan'), ('city_admin', 'stats.gap_plan'), ('county_admin', 'stats.gap_plan')
on conflict do nothing;
