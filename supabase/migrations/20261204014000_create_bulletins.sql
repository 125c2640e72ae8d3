-- =============================================================================================
-- 人口与目标、通报 Population and targets editing, bulletins (issue 15)
--   region_indicators_at()  任一日期的区划指标（月报、周报按期末计算）；公式只在这里一处，
--                           region_indicators(年度) 改为调用它（12月31日）
--   region_targets          数量类目标（年度新增托位任务、普惠机构数）须为整数
--   role_permissions        stats.bulletin 通报（市、省管理员）
-- 人口与目标的写入权限（本区划及上级管理员，同级与下级不可）沿用 20261123000200 的策略
-- （private.regions_in_scope），审计触发器沿用 20261123000500。
-- =============================================================================================

-- =============================================================================================
-- Constraints
-- =============================================================================================

alter table public.region_targets add constraint region_targets_count_check check (
  metric::text not in ('annual_new_slots', 'affordable_institutions') or value = trunc(value));
comment on constraint region_targets_count_check on public.region_targets is '年度新增托位任务、普惠托育机构数为整数（个）';

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Every indicator for a region on a date (bulletins: the end of a month or week). The formulas are
-- those of region_indicators (its comment and admin/src/routes/statistics/README.md) with as_of =
-- on_date instead of 31 December: the registry figures on that day (today when later), new slots
-- since 31 December of the year before (year to date), targets of that year; staff, placements,
-- health records and the service circle as of today.
create function public.region_indicators_at(region_code text, on_date date, sub_regions boolean default false)
returns table (
  code text,
  region_name text,
  region_level public.region_level,
  parent_code text,
  for_year integer,
  as_of date,
  current_as_of date,
  full_access boolean,
  population integer,
  population_year integer,
  under3_population integer,
  institutions integer,
  affordable_institutions integer,
  affordable_institutions_target numeric,
  affordable_institutions_met boolean,
  slots integer,
  slots_per_1000 numeric,
  slots_per_1000_target numeric,
  slots_per_1000_met boolean,
  affordable_slots integer,
  affordable_share numeric,
  affordable_share_target numeric,
  affordable_share_met boolean,
  slots_prev_year integer,
  new_slots integer,
  annual_task numeric,
  task_completion numeric,
  task_met boolean,
  streets integer,
  streets_covered integer,
  street_coverage numeric,
  street_coverage_target numeric,
  street_coverage_met boolean,
  residential_points integer,
  residential_points_covered integer,
  service_circle_coverage numeric,
  care_staff integer,
  certified_staff integer,
  certified_staff_rate numeric,
  certified_staff_rate_target numeric,
  certified_staff_rate_met boolean,
  enrolled integer,
  utilization_rate numeric,
  utilization_source text,
  children_placed integer,
  children_with_record integer,
  health_record_rate numeric,
  health_record_rate_target numeric,
  health_record_rate_met boolean,
  target_sources jsonb
)
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  reg public.regions%rowtype;
  col text;
  d date := region_indicators_at.on_date;
  y integer;
  d_prev date;
  today date := private.today_cn();
  has_full boolean;
  cap integer;
  declared integer;
  t record;
  tgt jsonb;
  rec record;
begin
  if d is null or extract(year from d) < 2000 or extract(year from d) > 2100 then
    raise exception '日期无效：%', d using errcode = '22023', hint = '日期须在2000–2100年之间';
  end if;
  y := extract(year from d)::integer;
  select * into reg from public.regions r where r.code = region_indicators_at.region_code;
  if reg.code is null then
    raise exception '区划不存在：%', region_indicators_at.region_code using errcode = 'P0002';
  end if;
  if coalesce(region_indicators_at.sub_regions, false) then
    for rec in select r.code from public.regions r where r.parent_code = reg.code order by r.code loop
      return query select * from public.region_indicators_at(rec.code, d, false);
    end loop;
    return;
  end if;
  d_prev := make_date(y - 1, 12, 31);
  col := reg.level::text || '_code';
  has_full := private.has_scope(reg.code, '{province_admin,city_admin,county_admin}');

  code := reg.code; region_name := reg.name; region_level := reg.level; parent_code := reg.parent_code;
  for_year := y; as_of := least(d, today); current_as_of := today; full_access := has_full;

  -- population
  select p.resident_population, p.year, p.under3_population into population, population_year, under3_population
    from public.region_populations p
   where p.region_code = reg.code
   order by (p.year <= y) desc, abs(p.year - y) limit 1;

  -- registry at the end of the year and of the year before
  execute format($q$
    select count(*) filter (where h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer,
           count(*) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer,
           coalesce(sum(h.slots) filter (where h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1)), 0)::integer,
           coalesce(sum(h.slots) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1)), 0)::integer,
           coalesce(sum(h.slots) filter (where h.valid_from <= $2 and (h.valid_to is null or h.valid_to > $2)), 0)::integer,
           count(distinct h.street_code) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer
      from public.institution_history h
     where h.%I = $3 and h.status = 'filed' and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $2)
  $q$, col)
    into institutions, affordable_institutions, slots, affordable_slots, slots_prev_year, streets_covered
    using d, d_prev, reg.code;
  new_slots := slots - slots_prev_year;

  if reg.level = 'street' then
    streets := 1;
  else
    execute format('select count(*)::integer from public.regions r where r.%I = $1 and r.level = ''street''', col)
      into streets using reg.code;
  end if;

  execute format($q$
    select count(*)::integer,
           count(*) filter (where exists (
             select 1 from public.institutions i
              where i.status = 'filed'
                and private.earth_box_m(private.earth_point(a.lat::double precision, a.lng::double precision), 1000)
                    operator(extensions.@>) private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
                and private.earth_distance_m(private.earth_point(a.lat::double precision, a.lng::double precision),
                      private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) <= 1000))::integer
      from public.residential_areas a where a.%I = $1
  $q$, case when reg.level = 'street' then 'street_code' else col end)
    into residential_points, residential_points_covered using reg.code;

  if has_full then
    -- one formula: the staff registry's (valid, unexpired certificates), as a percentage
    select c.care_staff, c.certified_staff, round(c.certified_staff_rate * 100, 2)
      into care_staff, certified_staff, certified_staff_rate
      from public.certified_staff_rate(reg.code, today) c;
    -- Through the region's own indexes: classes by their region column (a street through its
    -- institutions), placements per filed institution (placements(institution_id, ended_on)) —
    -- never a scan of every class or placement in the country.
    execute format($q$
      select coalesce(sum(k.children), 0)::integer, coalesce(sum(k.with_record), 0)::integer
        from public.institutions i
        cross join lateral (
          select count(*) as children, count(*) filter (where c.has_health_record) as with_record
            from public.placements p
            join public.children c on c.id = p.child_id
           where p.institution_id = i.id and p.ended_on is null and p.started_on <= $2) k
       where i.%I = $1 and i.status = 'filed'
    $q$, col) into children_placed, children_with_record using reg.code, today;
    execute format($q$
      select coalesce(sum(c.enrolled), 0)::integer, coalesce(sum(c.capacity), 0)::integer
        from public.classes c
       where c.institution_filed and %s
    $q$, case when reg.level = 'street'
           then 'c.institution_id in (select i.id from public.institutions i where i.street_code = $1)'
           else format('c.%I = $1', col) end)
      into declared, cap using reg.code;
    if children_placed > 0 then
      enrolled := children_placed;
      utilization_source := 'placements';
    else
      enrolled := declared;
      utilization_source := 'declared';
    end if;
    utilization_rate := case when cap > 0 then round(enrolled * 100.0 / cap, 2) end;
    health_record_rate := case when children_placed > 0 then round(children_with_record * 100.0 / children_placed, 2) end;
  end if;

  slots_per_1000 := case when population > 0 then round(slots * 1000.0 / population, 2) end;
  affordable_share := case when slots > 0 then round(affordable_slots * 100.0 / slots, 2) end;
  street_coverage := case when streets > 0 then round(streets_covered * 100.0 / streets, 2) end;
  service_circle_coverage := case when residential_points > 0 then round(residential_points_covered * 100.0 / residential_points, 2) end;

  tgt := '{}'::jsonb;
  for t in select m.metric, x.value, x.region_code as source_region, x.year as source_year, x.note
             from unnest(array['slots_per_1000', 'affordable_share', 'streets_with_affordable_share', 'certified_staff_rate',
                               'health_record_rate', 'annual_new_slots', 'affordable_institutions']) as m(metric)
             cross join lateral private.target_for(reg.code, m.metric, y) x loop
    tgt := tgt || jsonb_build_object(t.metric, jsonb_build_object(
      'value', t.value, 'region_code', t.source_region, 'year', t.source_year, 'note', t.note));
    case t.metric
      when 'slots_per_1000' then slots_per_1000_target := t.value;
      when 'affordable_share' then affordable_share_target := t.value;
      when 'streets_with_affordable_share' then street_coverage_target := t.value;
      when 'certified_staff_rate' then certified_staff_rate_target := t.value;
      when 'health_record_rate' then health_record_rate_target := t.value;
      when 'annual_new_slots' then annual_task := t.value;
      when 'affordable_institutions' then affordable_institutions_target := t.value;
    end case;
  end loop;
  target_sources := tgt;
  task_completion := case when annual_task > 0 then round(new_slots * 100.0 / annual_task, 2) end;
  slots_per_1000_met := slots_per_1000 >= slots_per_1000_target;
  affordable_share_met := affordable_share >= affordable_share_target;
  task_met := new_slots >= annual_task;
  street_coverage_met := street_coverage >= street_coverage_target;
  certified_staff_rate_met := certified_staff_rate >= certified_staff_rate_target;
  health_record_rate_met := health_record_rate >= health_record_rate_target;
  affordable_institutions_met := affordable_institutions >= affordable_institutions_target;
  if not has_full then
    care_staff := null; certified_staff := null; certified_staff_rate := null; certified_staff_rate_met := null;
    enrolled := null; utilization_rate := null; utilization_source := null;
    children_placed := null; children_with_record := null; health_record_rate := null; health_record_rate_met := null;
  end if;
  return next;
end;
$$;

comment on function public.region_indicators_at(text, date, boolean) is
'区划在某一日期的指标（sub_regions = true 时返回每个下级区划一行），用于月度、周通报。公式同 region_indicators：托位类指标按该日（晚于今天则为今天）的登记时间线，新增托位 = 该日托位 − 上年12月31日托位（年初至该日），年度任务完成率 = 新增托位 ÷ 该年度任务；人员、在托、档案和服务圈按今天的现状；目标取该日所在年度（private.target_for）。日期须在2000–2100年之间。';

-- The year figures are the figures on 31 December: one body for the formulas.
create or replace function public.region_indicators(region_code text, year integer, sub_regions boolean default false)
returns table (
  code text,
  region_name text,
  region_level public.region_level,
  parent_code text,
  for_year integer,
  as_of date,
  current_as_of date,
  full_access boolean,
  population integer,
  population_year integer,
  under3_population integer,
  institutions integer,
  affordable_institutions integer,
  affordable_institutions_target numeric,
  affordable_institutions_met boolean,
  slots integer,
  slots_per_1000 numeric,
  slots_per_1000_target numeric,
  slots_per_1000_met boolean,
  affordable_slots integer,
  affordable_share numeric,
  affordable_share_target numeric,
  affordable_share_met boolean,
  slots_prev_year integer,
  new_slots integer,
  annual_task numeric,
  task_completion numeric,
  task_met boolean,
  streets integer,
  streets_covered integer,
  street_coverage numeric,
  street_coverage_target numeric,
  street_coverage_met boolean,
  residential_points integer,
  residential_points_covered integer,
  service_circle_coverage numeric,
  care_staff integer,
  certified_staff integer,
  certified_staff_rate numeric,
  certified_staff_rate_target numeric,
  certified_staff_rate_met boolean,
  enrolled integer,
  utilization_rate numeric,
  utilization_source text,
  children_placed integer,
  children_with_record integer,
  health_record_rate numeric,
  health_record_rate_target numeric,
  health_record_rate_met boolean,
  target_sources jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if region_indicators.year is null or region_indicators.year < 2000 or region_indicators.year > 2100 then
    raise exception '年度无效：%', region_indicators.year using errcode = '22023', hint = '年度须在2000–2100之间';
  end if;
  return query select * from public.region_indicators_at(region_indicators.region_code, make_date(region_indicators.year, 12, 31),
                                                         region_indicators.sub_regions);
end;
$$;

-- =============================================================================================
-- Grants
-- =============================================================================================

revoke execute on function public.region_indicators_at(text, date, boolean) from public;
grant execute on function public.region_indicators_at(text, date, boolean) to anon, authenticated, service_role;

-- 通报: monthly and weekly bulletins for city and province admins
insert into private.role_permissions (role, permission) values
  ('province_admin', 'stats.bulletin'), ('city_admin', 'stats.bulletin')
on conflict do nothing;
