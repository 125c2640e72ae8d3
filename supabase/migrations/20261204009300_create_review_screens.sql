-- =============================================================================================
-- 评价 screens: the family's own reviews (我的评价, hidden ones with the reason), and the admin
-- menu grants for 评价回复 (operators), 评价管理 (county and above: moderation) and 入托统计
-- (county and above: counts per institution, public.enrollment_counts).
-- =============================================================================================

-- security definer: the author column is not readable through the API (it would unmask public
-- reviews), so the family's own reviews come from here, filtered by auth.uid() only.
create function public.my_reviews()
returns table (id uuid, institution_id uuid, institution_name text, review_year smallint, care smallint,
               safety smallint, meals smallint, communication smallint, fees smallint, body text, reply text,
               replied_at timestamptz, hidden boolean, hidden_reason text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select r.id, r.institution_id, i.name, r.review_year, r.care, r.safety, r.meals, r.communication, r.fees,
         r.body, r.reply, r.replied_at, r.hidden, r.hidden_reason, r.created_at
    from public.reviews r
    join public.institutions i on i.id = r.institution_id
   where r.author_id = (select auth.uid())
   order by r.created_at desc
$$;
comment on function public.my_reviews() is '我的评价（含被隐藏的评价及理由；只返回本人的）';
revoke execute on function public.my_reviews() from public, anon;
grant execute on function public.my_reviews() to authenticated;

insert into private.role_permissions (role, permission) values
  ('operator', 'review.reply'),
  ('county_admin', 'review.moderate'), ('city_admin', 'review.moderate'), ('province_admin', 'review.moderate'),
  ('county_admin', 'enrollment.stats'), ('city_admin', 'enrollment.stats'), ('province_admin', 'enrollment.stats')
on conflict do nothing;
