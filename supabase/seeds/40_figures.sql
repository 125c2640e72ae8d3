-- Demo data of the indicators (issue 15 §3). Applied after ../seed.sql (config.toml [db.seed]).
-- The registry of 济宁市 as the reports give it, so region_indicators() shows the reports' figures:
--   汶上县  end of 2021: 1,315 slots; 2022: +1,040 → 2,355 (132.65% of the task of 784);
--           2023: +787 → 3,142 slots = 4.55 per 1,000 (population 690,500); 100% certified carers
--   济宁市  end of 2023: 812 filed institutions, 39,630 slots = 4.78 per 1,000 (population 8,290,000)
-- Institutions are generated (names from word lists, every type, ownership and operating model,
-- spread over the real streets of each county, points near an approximate street centre placed
-- around the county seat); their history (institution_history) is written as it happened, with
-- 普惠 designated by the county on the filing date. The demo institutions of seed.sql keep their
-- ids; their timeline starts on their filing date. Names and people are fictitious.
-- tests/integration/statistics/seed-figures.test.ts asserts the figures. The approved filings behind
-- the generated institutions are written by 45_subsidies_staff.sql (see there why not here).

-- Population (2022, 2023) and national defaults ---------------------------------------------------
insert into public.region_populations (region_code, year, resident_population, under3_population, source) values
  ('370800000000', 2022, 8330000, 186000, '演示数据（按统计公报量级估算）'),
  ('370800000000', 2023, 8290000, 181000, '演示数据（按统计公报量级估算）'),
  ('370830000000', 2022, 693000, 15600, '演示数据（按统计公报量级估算）'),
  ('370830000000', 2023, 690500, 15100, '演示数据（按统计公报量级估算）'),
  ('370811000000', 2023, 1380000, 30100, '演示数据（按统计公报量级估算）'),
  ('370812000000', 2023, 620000, 13500, '演示数据（按统计公报量级估算）'),
  ('370826000000', 2023, 580000, 12700, '演示数据（按统计公报量级估算）'),
  ('370827000000', 2023, 410000, 9000, '演示数据（按统计公报量级估算）'),
  ('370828000000', 2023, 560000, 12300, '演示数据（按统计公报量级估算）'),
  ('370829000000', 2023, 770000, 16900, '演示数据（按统计公报量级估算）'),
  ('370831000000', 2023, 520000, 11400, '演示数据（按统计公报量级估算）'),
  ('370832000000', 2023, 720000, 15800, '演示数据（按统计公报量级估算）'),
  ('370871000000', 2023, 289500, 6300, '演示数据（按统计公报量级估算）'),
  ('370881000000', 2023, 620000, 13200, '演示数据（按统计公报量级估算）'),
  ('370883000000', 2023, 1130000, 24700, '演示数据（按统计公报量级估算）')
on conflict (region_code, year) do nothing;

insert into public.region_targets (region_code, metric, year, value, note) values
  (null, 'slots_per_1000', 2025, 4.5, '国家“十四五”目标：每千人口托位数4.5个'),
  (null, 'certified_staff_rate', 2025, 90, '演示默认值'),
  ('370100000000', 'affordable_institutions', 2025, 300, '济南：建成300个普惠托育机构'),
  ('370830000000', 'affordable_institutions', 2023, 40, '演示数据'),
  ('370800000000', 'annual_new_slots', 2023, 7000, '演示数据')
on conflict on constraint region_targets_unique do nothing;

-- The generated registry ---------------------------------------------------------------------------
do $$
declare
  p record;
  words text[] := array['阳光','童趣','小橙子','贝贝','七彩','启航','春苗','乐贝','爱尚','禾苗','蒲公英','小海豚',
                        '晨曦','星辰','向阳','知音','暖阳','布谷鸟','金摇篮','彩虹桥','小树苗','萌芽','喜洋洋','乐童','安心'];
  models public.operating_model[] := '{community,standalone,kindergarten_class,employer,medical,service_center}';
  owners public.ownership[] := '{public,private,public_private_run,private_public_aided,soe_run}';
  suffix text[] := array['社区托育中心','托育园','幼儿园托班','职工托育园','妇幼托育中心','托育综合服务中心'];
  surnames text[] := array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'];
  given text[] := array['芳','静','丽','敏','燕','娟','霞','玲','婷','雪','慧','颖','洁','琳','倩','萍','红','梅','艳','晶'];
  streets text[];
  snames text[];
  n_streets integer;
  cohort_years integer[];
  cohort_n integer[];
  cohort_slots integer[];
  c integer;
  j integer;
  k integer;
  w integer;
  seq integer := 0;
  inst_no integer;
  n integer;
  homes integer;
  home_slots integer;
  centre_total integer;
  weights integer[];
  wsum integer;
  alloc integer[];
  rest integer;
  s integer;
  inst uuid;
  st integer;
  slat double precision;
  slng double precision;
  is_home boolean;
  model public.operating_model;
  filed date;
  afford boolean;
  h integer;
  kcls integer;
  cap integer;
  ctype public.class_type;
  cname text;
  sname text;
begin
  -- idempotent like the other seed files: the registry is generated once
  if exists (select 1 from public.institutions where id = 'f1500000-0000-4000-8000-000000000001') then
    return;
  end if;
  for p in select * from (values
    -- county, seat lat, seat lng, institutions at end of 2023, slots at end of 2023, certified share (‰ uncertified)
    ('370811000000', 35.4149, 116.5876, 146, 7107, 80),
    ('370812000000', 35.5524, 116.7830, 62, 3038, 60),
    ('370826000000', 34.8071, 117.1290, 53, 2552, 120),
    ('370827000000', 35.0127, 116.6502, 39, 1853, 90),
    ('370828000000', 35.0667, 116.3112, 53, 2582, 70),
    ('370829000000', 35.4078, 116.3424, 71, 3450, 100),
    ('370830000000', 35.7324, 116.4891, 64, 3142, 0),
    ('370831000000', 35.6646, 117.2511, 47, 2262, 110),
    ('370832000000', 35.8020, 116.0963, 68, 3298, 90),
    ('370871000000', 35.4280, 116.6440, 32, 1621, 40),
    ('370881000000', 35.5810, 116.9865, 63, 3112, 50),
    ('370883000000', 35.4053, 117.0072, 114, 5613, 70)
  ) as v(county, lat, lng, inst_total, slots_total, uncertified) loop
    select array_agg(r.code order by r.code), array_agg(regexp_replace(r.name, '(街道|镇|乡|街道办事处)$', '') order by r.code)
      into streets, snames from public.regions r where r.parent_code = p.county and r.level = 'street';
    n_streets := cardinality(streets);
    if p.county = '370830000000' then
      -- 汶上: 2020 and 2021 make 1,315 at the end of 2021 (one centre grows by 20 in May 2022),
      -- 2022 adds 1,020 + 20 = 1,040, 2023 adds 787.
      cohort_years := '{2020,2021,2022,2023}'; cohort_n := '{12,16,20,16}'; cohort_slots := '{575,760,1020,787}';
    else
      cohort_years := '{2020,2021,2022,2023}';
      cohort_n := array[round(p.inst_total * 0.25), round(p.inst_total * 0.20), round(p.inst_total * 0.27)]::integer[];
      cohort_n := cohort_n || (p.inst_total - cohort_n[1] - cohort_n[2] - cohort_n[3]);
      cohort_slots := array[round(p.slots_total * 0.25), round(p.slots_total * 0.20), round(p.slots_total * 0.27)]::integer[];
      cohort_slots := cohort_slots || (p.slots_total - cohort_slots[1] - cohort_slots[2] - cohort_slots[3]);
    end if;
    inst_no := 0;
    for c in 1..4 loop
      n := cohort_n[c];
      homes := n / 8;
      -- slots of each institution: home points 3–5, centres share the rest by weight
      alloc := '{}';
      home_slots := 0;
      for j in 1..homes loop
        s := 3 + get_byte(decode(md5(p.county || c || 'h' || j), 'hex'), 0) % 3;
        alloc := alloc || s;
        home_slots := home_slots + s;
      end loop;
      weights := '{}';
      for j in 1..(n - homes) loop
        weights := weights || (60 + get_byte(decode(md5(p.county || c || 'w' || j), 'hex'), 0) % 80);
      end loop;
      wsum := (select sum(x) from unnest(weights) x);
      centre_total := cohort_slots[c] - home_slots;
      rest := centre_total;
      for j in 1..(n - homes) loop
        s := floor(centre_total::numeric * weights[j] / wsum);
        alloc := alloc || s;
        rest := rest - s;
      end loop;
      for j in (homes + 1)..(homes + rest) loop
        alloc[j] := alloc[j] + 1;
      end loop;

      for j in 1..n loop
        inst_no := inst_no + 1;
        seq := seq + 1;
        inst := ('f1500000-0000-4000-8000-' || lpad(to_hex(seq), 12, '0'))::uuid;
        is_home := j <= homes;
        st := 1 + (inst_no - 1) % n_streets;
        h := get_byte(decode(md5(inst::text), 'hex'), 0);
        model := case when is_home then 'community' else models[1 + (inst_no - 1) % 6] end;
        filed := make_date(cohort_years[c], 1 + h % 12, 1 + get_byte(decode(md5(inst::text), 'hex'), 1) % 28);
        -- 普惠: the first institution of every street, then about two in three
        afford := inst_no <= n_streets or h % 3 <> 0;
        -- the street centre: town streets further from the seat, at golden-angle bearings
        slat := p.lat + (case when substr(streets[st], 7, 3)::int < 100 then 0.012 else 0.05 + 0.12 * st / n_streets end) * sin(st * 2.39996);
        slng := p.lng + (case when substr(streets[st], 7, 3)::int < 100 then 0.015 else 0.06 + 0.14 * st / n_streets end) * cos(st * 2.39996);
        slat := slat + ((h % 21) - 10) * 0.0006;
        slng := slng + ((get_byte(decode(md5(inst::text), 'hex'), 2) % 21) - 10) * 0.0007;
        -- a name no other institution has: the next word when the street already has this one
        w := 0;
        loop
          if is_home then
            cname := (select name from public.regions where code = p.county) || snames[st] || words[1 + (h + w) % cardinality(words)] || '家庭托育点';
          else
            cname := (select name from public.regions where code = p.county) || snames[st] || words[1 + (inst_no + h + w) % cardinality(words)]
                     || suffix[1 + (inst_no - 1) % 6];
          end if;
          exit when not exists (select 1 from public.institutions i where i.name = cname);
          w := w + 1;
          if w >= cardinality(words) then
            raise exception 'demo registry: no unused name left for % in street %', cname, streets[st];
          end if;
        end loop;
        insert into public.institutions (id, name, type, ownership, operating_model, street_code, affordable, services,
          meals_served, opening_hours, fee_items, prepayment_terms, contact_phone, description, status, filing_no, filed_at, created_at)
        values (inst, cname, case when is_home then 'home_based' else 'center' end::public.institution_type,
          case when is_home then 'private' else owners[1 + (inst_no - 1) % 5] end, model, streets[st], afford,
          case when is_home then '{full_day,temporary}' when h % 4 = 0 then '{full_day,half_day,hourly}' else '{full_day,half_day}' end::public.service_type[],
          not is_home, '周一至周五 7:30-17:30',
          jsonb_build_array(jsonb_build_object('name', '保育费', 'amount', case when afford then 800 + (h % 6) * 100 else 1500 + (h % 8) * 100 end, 'unit', '元/月')),
          '按月收费，退托按剩余天数退费',
          case when is_home then '138' || lpad(((h * 7919 + seq) % 100000000)::text, 8, '0') else '0537-' || lpad((2000000 + seq)::text, 7, '0') end,
          null, 'filed', substr(p.county, 1, 6) || cohort_years[c] || lpad((100 + inst_no)::text, 4, '0'),
          (filed::timestamp + time '10:00') at time zone 'Asia/Shanghai', (filed::timestamp + time '09:00') at time zone 'Asia/Shanghai' - interval '20 days');
        insert into public.institution_sites (institution_id, address, lat, lng, premises_note)
        values (inst, (select r.name from public.regions r where r.code = p.county) || snames[st] || case when is_home then '小区' || (1 + h % 20) || '号楼' || (1 + h % 4) || '单元' || (101 + h % 6) || '室'
                                                      else '路' || (10 + h) || '号' end,
                round(slat::numeric, 6), round(slng::numeric, 6), case when is_home then '自有住宅' else '租赁' || (3 + h % 8) || '年' end);
        -- classes: one mixed-age group at a home point; centres up to 15 a class
        s := alloc[j];
        if is_home then
          insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
          values (inst, '混龄组', 'mixed_age', 18, 36, s, greatest(s - 1, 1), 2);
        else
          kcls := ceil(s / 15.0);
          for k in 1..kcls loop
            cap := s / kcls + case when k <= s % kcls then 1 else 0 end;
            ctype := case when k % 3 = 0 and cap <= 10 then 'infant' when k % 2 = 1 then 'toddler' else 'older_toddler' end;
            insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers)
            values (inst, case ctype when 'infant' then '乳儿' when 'toddler' then '托小' else '托大' end || k || '班', ctype,
                    case ctype when 'infant' then 6 when 'toddler' then 12 else 24 end,
                    case ctype when 'infant' then 12 when 'toddler' then 24 else 36 end,
                    cap, floor(cap * (70 + (h + k * 7) % 26) / 100.0),
                    ceil(cap / case ctype when 'infant' then 3.0 when 'toddler' then 5.0 else 7.0 end));
          end loop;
        end if;
        -- staff: a director, the carers of the classes, a cook where meals are served
        insert into public.staff (institution_id, name, role, certificate_type, certificate_no, health_certificate_expires_on, employed_since)
        select inst, surnames[1 + (h + g * 3) % 20] || given[1 + (h * 7 + g * 11) % 20] || case when g % 3 = 0 then given[1 + (g + h) % 20] else '' end,
               case when g = 0 then 'director' when g > x.carers and not is_home then 'cook' else 'carer' end::public.institution_staff_role,
               case when g > x.carers and not is_home then null
                    when g = 0 then 'kindergarten_teacher'
                    when (h + g * 37) % 1000 < p.uncertified then null
                    when g % 2 = 0 then 'infant_carer' else 'nursery_carer' end::public.certificate_type,
               case when g > x.carers and not is_home then null
                    when g = 0 then 'JS' || substr(p.county, 1, 6) || lpad(seq::text, 5, '0')
                    when (h + g * 37) % 1000 < p.uncertified then null
                    else 'BY' || substr(p.county, 1, 6) || lpad((seq * 100 + g)::text, 7, '0') end,
               make_date(2027, 1 + (h + g) % 12, 1), filed - 30
          from (select sum(cl.carers)::int as carers from public.classes cl where cl.institution_id = inst) x,
               generate_series(0, x.carers + case when is_home then 0 else 1 end) g;
        -- the timeline as it happened; 汶上's first 2021 centre grew by 20 slots in May 2022
        delete from public.institution_history where institution_id = inst;
        if p.county = '370830000000' and c = 2 and j = homes + 1 then
          insert into public.institution_history (institution_id, street_code, county_code, valid_from, valid_to, status, affordable, slots, cause)
          values (inst, streets[st], p.county, filed, '2022-05-10', 'filed', afford, s - 20, 'filing_approved'),
                 (inst, streets[st], p.county, '2022-05-10', null, 'filed', afford, s, 'class_change');
        else
          insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause)
          values (inst, streets[st], p.county, filed, 'filed', afford, s, 'filing_approved');
        end if;
        if afford then
          insert into public.affordable_designations (institution_id, county_code, affordable, designated_on, basis, designated_by)
          values (inst, p.county, true, filed,
                  (select r.name from public.regions r where r.code = p.county) || '卫生健康局普惠托育机构认定（〔' || cohort_years[c] || '〕' || (1 + h % 30) || '号）', null);
        end if;
      end loop;
    end loop;

    -- residential points: four per street around its centre (15-minute coverage)
    for st in 1..n_streets loop
      slat := p.lat + (case when substr(streets[st], 7, 3)::int < 100 then 0.012 else 0.05 + 0.12 * st / n_streets end) * sin(st * 2.39996);
      slng := p.lng + (case when substr(streets[st], 7, 3)::int < 100 then 0.015 else 0.06 + 0.14 * st / n_streets end) * cos(st * 2.39996);
      insert into public.residential_areas (street_code, name, lat, lng, households)
      select streets[st],
             snames[st] || case when substr(streets[st], 7, 3)::int < 100 then words[1 + (st + q) % cardinality(words)] || '小区'
                                else (array['东','西','南','北'])[q] || '村' end,
             round((slat + sin(q * 1.7 + st) * (0.004 + q * 0.005))::numeric, 6),
             round((slng + cos(q * 1.7 + st) * (0.005 + q * 0.006))::numeric, 6),
             300 + (st * 97 + q * 131) % 900
        from generate_series(1, 4) q;
    end loop;
  end loop;
end;
$$;

-- The demo institutions of seed.sql: their timeline starts on their filing date; 普惠 designated then.
delete from public.institution_history where institution_id::text like '10000000-0000-4000-8000-%';
insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause, filing_id)
select i.id, i.street_code, i.county_code, (i.filed_at at time zone 'Asia/Shanghai')::date, i.status, i.affordable,
       coalesce((select sum(c.capacity) from public.classes c where c.institution_id = i.id), 0), 'filing_approved',
       (select f.id from public.filings f where f.institution_id = i.id and f.kind = 'new' and f.status = 'approved' limit 1)
  from public.institutions i
 where i.id::text like '10000000-0000-4000-8000-%' and i.status <> 'draft' and i.filed_at is not null;
insert into public.affordable_designations (institution_id, county_code, affordable, designated_on, basis, designated_by)
select i.id, i.county_code, true, (i.filed_at at time zone 'Asia/Shanghai')::date, '县级卫生健康部门普惠托育机构认定（演示）', null
  from public.institutions i
 where i.id::text like '10000000-0000-4000-8000-%' and i.status = 'filed' and i.affordable
   and not exists (select 1 from public.affordable_designations d where d.institution_id = i.id);

