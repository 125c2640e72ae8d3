-- Demo data for local development (applied by `pnpm start` on first run and by `pnpm db:reset`).
insert into public.regions (code, parent_code, level, name) values
  ('370000000000', null, 'province', '山东省'),
  ('370800000000', '370000000000', 'city', '济宁市'),
  ('370830000000', '370800000000', 'county', '汶上县'),
  ('370811000000', '370800000000', 'county', '任城区')
on conflict (code) do nothing;
