-- 检查清单的地方设置（演示）: 济宁市 tightens the national CCTV item for its counties (same code, so the
-- county checklists keep eight items). Admins maintain these under 监督检查 → 检查清单.
insert into public.inspection_checklist_items (region_code, code, title, requirement, basis, sort_order) values
  ('370800000000', 'cctv', '视频监控', '监控覆盖所有婴幼儿活动区域，录像保存不少于90天，并接入市托育机构监管平台', '济宁市托育机构监管要求（演示）', 40)
on conflict on constraint inspection_checklist_items_unique do nothing;
