-- =============================================================================================
-- 参观日期 Visit slots: an institution publishes the dates families may visit (参观预约); a
-- family's visit request must be for one of them, and a slot takes at most `capacity` families.
--   visit_slots   one row per institution and date, with its time and capacity; `booked` is kept
--                 by a trigger on enrollment_requests (pending and visited visits count).
-- Public: future slots of filed institutions; members of the institution publish, change and
-- remove (only while nobody has booked) their own slots.
-- =============================================================================================

create table public.visit_slots (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  visit_on date not null,
  time_label text not null default '上午 9:30–10:30' check (length(btrim(time_label)) between 2 and 40),
  capacity smallint not null default 5 check (capacity between 1 and 50),
  booked smallint not null default 0 check (booked >= 0),
  note text check (length(note) <= 200),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint visit_slots_once_a_day unique (institution_id, visit_on),
  constraint visit_slots_booked_fits check (booked <= capacity)
);
comment on table public.visit_slots is '机构公布的参观日期（家长只能预约这些日期；每个日期有名额上限）';
comment on column public.visit_slots.id is '主键';
comment on column public.visit_slots.institution_id is '托育机构';
comment on column public.visit_slots.visit_on is '参观日期';
comment on column public.visit_slots.time_label is '参观时间段（如 上午 9:30–10:30）';
comment on column public.visit_slots.capacity is '可预约家庭数';
comment on column public.visit_slots.booked is '已预约家庭数（由触发器维护）';
comment on column public.visit_slots.note is '说明（如 请携带身份证）';
comment on column public.visit_slots.created_by is '发布人';
comment on column public.visit_slots.created_at is '创建时间';
comment on column public.visit_slots.updated_at is '更新时间';
create index visit_slots_created_by_idx on public.visit_slots (created_by);

create trigger visit_slots_touch_updated_at before update on public.visit_slots
  for each row execute function private.touch_updated_at();
create trigger visit_slots_audit after insert or update or delete on public.visit_slots
  for each row execute function private.audit_row();

-- A visit request takes a place of its slot; declining or withdrawing it gives the place back.
create function private.visit_requests_book_slot() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  slot public.visit_slots;
begin
  if tg_op = 'INSERT' then
    if new.kind <> 'visit' or new.status <> 'pending' then
      return new;
    end if;
    select * into slot from public.visit_slots s
     where s.institution_id = new.institution_id and s.visit_on = new.visit_date for update;
    if slot.id is null then
      raise exception '机构当天未开放参观，请选择机构公布的参观日期' using errcode = '23514';
    end if;
    if slot.booked >= slot.capacity then
      raise exception '该参观日期已约满，请选择其他日期' using errcode = '23514';
    end if;
    update public.visit_slots s set booked = s.booked + 1 where s.id = slot.id;
  elsif new.kind = 'visit' and old.status in ('pending', 'visited') and new.status not in ('pending', 'visited') then
    update public.visit_slots s set booked = greatest(s.booked - 1, 0)
     where s.institution_id = new.institution_id and s.visit_on = new.visit_date;
  end if;
  return new;
end;
$$;
comment on function private.visit_requests_book_slot() is '参观预约占用所选参观日期的名额（无此日期或已约满则拒绝）；拒绝或撤回时释放';

-- A date families have booked stays (the institution declines the visits first).
create function private.visit_slots_before_delete() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.booked > 0 then
    raise exception '已有%个家庭预约该日期参观，请先处理这些预约', old.booked using errcode = '23514';
  end if;
  return old;
end;
$$;
comment on function private.visit_slots_before_delete() is '已有预约的参观日期不能删除';
create trigger visit_slots_before_delete before delete on public.visit_slots
  for each row execute function private.visit_slots_before_delete();

create trigger enrollment_requests_book_visit_slot before insert or update of status on public.enrollment_requests
  for each row execute function private.visit_requests_book_slot();

revoke execute on function private.visit_requests_book_slot(), private.visit_slots_before_delete() from public;

alter table public.visit_slots enable row level security;
create policy visit_slots_select_public on public.visit_slots
  for select to anon, authenticated
  using (visit_on > current_date
         and exists (select 1 from public.institutions i where i.id = institution_id and i.status = 'filed'));
create policy visit_slots_select_member on public.visit_slots
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy visit_slots_insert_member on public.visit_slots
  for insert to authenticated
  with check (institution_id = any (array(select private.member_institution_ids())) and visit_on > current_date);
create policy visit_slots_update_member on public.visit_slots
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy visit_slots_delete_member on public.visit_slots
  for delete to authenticated
  using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.visit_slots from anon, authenticated;
grant select (id, institution_id, visit_on, time_label, capacity, booked, note, created_at, updated_at)
  on public.visit_slots to anon, authenticated;
grant insert (institution_id, visit_on, time_label, capacity, note), update (time_label, capacity, note), delete
  on public.visit_slots to authenticated;
