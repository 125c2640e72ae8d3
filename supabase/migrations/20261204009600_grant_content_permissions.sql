-- 宣传与育儿内容 menus (issue 14): admins of a province, city or county author campaigns, articles,
-- guidance centres, experts and their consultation slots (RLS: private.regions_in_scope).
insert into private.role_permissions (role, permission) values
  ('province_admin', 'content.manage'), ('city_admin', 'content.manage'), ('county_admin', 'content.manage')
on conflict do nothing;
