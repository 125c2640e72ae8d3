-- =============================================================================================
-- 评价 Reviews: families rate institutions, institutions reply once, county admins moderate
--   reviews   five dimensions (保育照护 care, 安全卫生 safety, 膳食营养 meals, 家园沟通 communication,
--             收费透明 fees; 1–5 stars) + text; once per child, institution and year; only after a
--             placement (current or ended within 12 months) or a completed visit there.
-- Public: visible reviews without the author (author_label is masked, e.g. 张**); the author also
-- sees a hidden one with the reason; members read and reply to their institution's; county admins
-- (and above) read and moderate their region's. Writes only through the RPCs.
-- =============================================================================================

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.reviews (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  child_id uuid references public.children (id) on delete set null,
  author_id uuid references auth.users (id) on delete set null,
  author_label text not null default '家长' check (length(author_label) <= 16),
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  review_year smallint not null,
  care smallint not null check (care between 1 and 5),
  safety smallint not null check (safety between 1 and 5),
  meals smallint not null check (meals between 1 and 5),
  communication smallint not null check (communication between 1 and 5),
  fees smallint not null check (fees between 1 and 5),
  body text not null check (length(btrim(body)) between 5 and 500),
  reply text check (length(btrim(reply)) between 2 and 500),
  replied_at timestamptz,
  replied_by uuid references auth.users (id) on delete set null,
  hidden boolean not null default false,
  hidden_reason text check (length(hidden_reason) <= 200),
  moderated_by uuid references auth.users (id) on delete set null,
  moderated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reviews_hidden_needs_reason check (not hidden or hidden_reason is not null)
);
comment on table public.reviews is '家长对托育机构的评价（每名儿童每年每机构一次；在托或离园12个月内、或参观后）';
comment on column public.reviews.id is '主键';
comment on column public.reviews.institution_id is '被评价机构';
comment on column public.reviews.child_id is '儿童ID（不公开）';
comment on column public.reviews.author_id is '评价人（不公开）';
comment on column public.reviews.author_label is '公开显示的评价人（打码，如 张**）';
comment on column public.reviews.county_code is '机构所在县区代码';
comment on column public.reviews.city_code is '所在市代码（推导）';
comment on column public.reviews.province_code is '所在省代码（推导）';
comment on column public.reviews.review_year is '评价年度';
comment on column public.reviews.care is '保育照护（1–5星）';
comment on column public.reviews.safety is '安全卫生（1–5星）';
comment on column public.reviews.meals is '膳食营养（1–5星）';
comment on column public.reviews.communication is '家园沟通（1–5星）';
comment on column public.reviews.fees is '收费透明（1–5星）';
comment on column public.reviews.body is '评价内容';
comment on column public.reviews.reply is '机构回复（只能回复一次）';
comment on column public.reviews.replied_at is '回复时间';
comment on column public.reviews.replied_by is '回复人';
comment on column public.reviews.hidden is '是否被县级卫健部门隐藏';
comment on column public.reviews.hidden_reason is '隐藏理由（评价人可见）';
comment on column public.reviews.moderated_by is '处理人';
comment on column public.reviews.moderated_at is '处理时间';
comment on column public.reviews.created_at is '创建时间';
comment on column public.reviews.updated_at is '更新时间';
create index reviews_institution_id_idx on public.reviews (institution_id, hidden, created_at desc);
create index reviews_replied_by_idx on public.reviews (replied_by);
create index reviews_moderated_by_idx on public.reviews (moderated_by);
create index reviews_author_id_idx on public.reviews (author_id);
create index reviews_county_code_idx on public.reviews (county_code);
create index reviews_city_code_idx on public.reviews (city_code);
create index reviews_province_code_idx on public.reviews (province_code);
create index reviews_child_id_idx on public.reviews (child_id);
create unique index reviews_once_per_year on public.reviews (child_id, institution_id, review_year);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger reviews_touch_updated_at before update on public.reviews
  for each row execute function private.touch_updated_at();
create trigger reviews_audit after insert or update or delete on public.reviews
  for each row execute function private.audit_row();

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.reviews enable row level security;
create policy reviews_select_public on public.reviews
  for select to anon, authenticated using (not hidden);
create policy reviews_select_author on public.reviews
  for select to authenticated using (author_id = (select auth.uid()));
create policy reviews_select_member on public.reviews
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy reviews_select_admin on public.reviews
  for select to authenticated
  using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
revoke all on public.reviews from anon, authenticated;
-- child and author stay private: nobody reads them through the API
grant select (id, institution_id, author_label, county_code, review_year, care, safety, meals, communication, fees,
  body, reply, replied_at, hidden, hidden_reason, moderated_at, created_at, updated_at) on public.reviews to anon, authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

create function public.submit_review(
  child uuid, institution uuid, care integer, safety integer, meals integer, communication integer, fees integer, body text
) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  inst public.institutions;
  existing uuid;
  label text;
begin
  if not child = any (array(select private.guarded_child_ids())) then
    raise exception '儿童不存在或您不是其监护人' using errcode = '42501';
  end if;
  if array[care, safety, meals, communication, fees] && array[null]::integer[]
     or least(care, safety, meals, communication, fees) < 1 or greatest(care, safety, meals, communication, fees) > 5 then
    raise exception '请为五个方面各打1～5星' using errcode = '22023';
  end if;
  if body is null or length(btrim(body)) < 5 or length(btrim(body)) > 500 then
    raise exception '评价内容应为5～500字' using errcode = '22023';
  end if;
  perform 1 from public.children c where c.id = child for update;
  select r.id into existing from public.reviews r
   where r.child_id = child and r.institution_id = institution
     and r.review_year = extract(year from now() at time zone 'Asia/Shanghai');
  if existing is not null then
    raise exception '今年已评价过该机构（每名儿童每年可评价一次）' using errcode = '23514';
  end if;
  if not exists (select 1 from public.placements p
                  where p.child_id = child and p.institution_id = institution
                    and (p.ended_on is null or p.ended_on >= current_date - interval '12 months'))
     and not exists (select 1 from public.enrollment_requests q
                  where q.child_id = child and q.institution_id = institution and q.kind = 'visit' and q.status = 'visited') then
    raise exception '在该机构入托（或离园12个月内）或参观后才能评价' using errcode = '23514';
  end if;
  select * into inst from public.institutions i where i.id = institution;
  select left(coalesce(nullif(p.display_name, ''), '家长'), 1) || '**' into label from public.profiles p where p.id = uid;
  insert into public.reviews (institution_id, child_id, author_id, author_label, county_code, review_year,
                              care, safety, meals, communication, fees, body)
  values (institution, child, uid, coalesce(label, '家长'), inst.county_code,
          extract(year from now() at time zone 'Asia/Shanghai'), care, safety, meals, communication, fees, btrim(body))
  returning id into existing;
  perform private.notify(null, institution, 'review_received', null, '收到新的评价', left(btrim(body), 60));
  return existing;
end;
$$;
comment on function public.submit_review(uuid, uuid, integer, integer, integer, integer, integer, text) is '家长评价机构（在托或离园12个月内、或参观后；每名儿童每年一次）';

create function public.reply_review(review uuid, reply text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.reviews;
begin
  select * into r from public.reviews x where x.id = review for update;
  if r.id is null or not r.institution_id = any (array(select private.member_institution_ids())) then
    raise exception '评价不存在或不属于本机构' using errcode = 'P0002';
  end if;
  if reply is null or length(btrim(reply)) < 2 or length(btrim(reply)) > 500 then
    raise exception '回复内容应为2～500字' using errcode = '22023';
  end if;
  if r.reply is not null then
    if r.reply = btrim(reply_review.reply) then
      return; -- retry
    end if;
    raise exception '每条评价只能回复一次' using errcode = '23514';
  end if;
  update public.reviews x set reply = btrim(reply_review.reply), replied_at = now(), replied_by = (select auth.uid())
   where x.id = r.id;
  perform private.notify(r.author_id, null, 'review_replied', null, '机构回复了您的评价', left(btrim(reply_review.reply), 60),
    'features/family/pages/reviews/index');
end;
$$;
comment on function public.reply_review(uuid, text) is '机构回复评价（只能回复一次）';

create function public.moderate_review(review uuid, hide boolean, reason text default null) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.reviews;
begin
  select * into r from public.reviews x where x.id = review for update;
  if r.id is null or not private.has_scope(r.county_code, '{province_admin,city_admin,county_admin}') then
    raise exception '评价不存在或不在您的管辖范围' using errcode = 'P0002';
  end if;
  if hide and (reason is null or length(btrim(reason)) < 2) then
    raise exception '隐藏评价须填写理由（评价人可见）' using errcode = '22023';
  end if;
  if r.hidden = hide then
    return;
  end if;
  update public.reviews x
     set hidden = hide, hidden_reason = case when hide then left(btrim(reason), 200) end,
         moderated_by = (select auth.uid()), moderated_at = now()
   where x.id = r.id;
  if hide then
    perform private.notify(r.author_id, null, 'review_hidden', null, '您的评价已被隐藏', '理由：' || left(btrim(reason), 100),
      'features/family/pages/reviews/index');
  end if;
end;
$$;
comment on function public.moderate_review(uuid, boolean, text) is '县级卫健部门隐藏（须填理由）或恢复评价';

create function public.institution_rating(institution uuid)
returns table (reviews bigint, care numeric, safety numeric, meals numeric, communication numeric, fees numeric, overall numeric)
language sql
stable
security definer
set search_path = ''
as $$
  select count(*), round(avg(r.care), 1), round(avg(r.safety), 1), round(avg(r.meals), 1),
         round(avg(r.communication), 1), round(avg(r.fees), 1),
         round(avg((r.care + r.safety + r.meals + r.communication + r.fees) / 5.0), 1)
    from public.reviews r
    join public.institutions i on i.id = r.institution_id and i.status = 'filed'
   where r.institution_id = institution and not r.hidden
$$;
comment on function public.institution_rating(uuid) is '机构评价汇总（公开：各方面平均星级与评价数，不含被隐藏的评价）';

-- =============================================================================================
-- Grants (every family, institution and county RPC of issue 12)
-- =============================================================================================

revoke execute on function
  public.age_in_months(date, date),
  public.give_consent(text), public.withdraw_consent(), public.child_id_number(uuid),
  public.invite_guardian(uuid, text), public.accept_guardian_invite(text),
  public.mark_notices_read(bigint[]), public.claim_notices(integer), public.complete_notice(bigint, integer, text),
  public.request_enrollment(uuid, uuid, text, text, date, text), public.request_visit(uuid, uuid, date, text),
  public.offer_place(uuid, uuid, timestamptz), public.decline_request(uuid, text), public.mark_visit_done(uuid),
  public.accept_offer(uuid), public.decline_offer(uuid, text), public.withdraw_request(uuid, text),
  public.end_placement(uuid, date, text), public.lapse_overdue_offers(), public.enrollment_counts(text),
  public.submit_review(uuid, uuid, integer, integer, integer, integer, integer, text),
  public.reply_review(uuid, text), public.moderate_review(uuid, boolean, text), public.institution_rating(uuid)
  from public, anon, authenticated;
grant execute on function public.age_in_months(date, date), public.institution_rating(uuid)
  to anon, authenticated, service_role;
grant execute on function
  public.give_consent(text), public.withdraw_consent(), public.child_id_number(uuid),
  public.invite_guardian(uuid, text), public.accept_guardian_invite(text), public.mark_notices_read(bigint[]),
  public.request_enrollment(uuid, uuid, text, text, date, text), public.request_visit(uuid, uuid, date, text),
  public.offer_place(uuid, uuid, timestamptz), public.decline_request(uuid, text), public.mark_visit_done(uuid),
  public.accept_offer(uuid), public.decline_offer(uuid, text), public.withdraw_request(uuid, text),
  public.end_placement(uuid, date, text), public.enrollment_counts(text),
  public.submit_review(uuid, uuid, integer, integer, integer, integer, integer, text),
  public.reply_review(uuid, text), public.moderate_review(uuid, boolean, text)
  to authenticated, service_role;
grant execute on function public.claim_notices(integer), public.complete_notice(bigint, integer, text),
  public.lapse_overdue_offers() to service_role;

revoke execute on all functions in schema private from public;
grant execute on function
  private.guarded_child_ids(),
  private.institution_child_ids()
  to authenticated, service_role;
