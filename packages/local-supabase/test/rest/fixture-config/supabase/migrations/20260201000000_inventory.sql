-- A second exposed schema with its own tables and functions, plus a public table with more rows
-- than max_rows.
create schema inventory;
grant usage on schema inventory to anon, authenticated, service_role;

create table inventory.items (
  id serial primary key,
  name text not null unique,
  qty int not null default 1,
  note text not null default '无'
);
grant all on inventory.items to anon, authenticated, service_role;
grant all on sequence inventory.items_id_seq to anon, authenticated, service_role;
insert into inventory.items (name, qty) values ('apple', 3), ('apricot', 5), ('banana', 7);

-- Unqualified `items`: resolves only because the request's search_path starts with its schema.
create function inventory.item_total() returns bigint
  language plpgsql stable as $$ begin return (select sum(qty) from items); end $$;
create function inventory.items_named(prefix text) returns setof inventory.items
  language sql stable as $$ select * from inventory.items where name like prefix || '%' order by id $$;
grant execute on all functions in schema inventory to anon, authenticated, service_role;

create table public.things (id int primary key, label text not null);
grant select on public.things to anon, authenticated;
grant all on public.things to service_role;
insert into public.things select g, 'thing ' || g from generate_series(1, 5) g;
create function public.all_things() returns setof public.things
  language sql stable as $$ select * from public.things order by id $$;

create table public.events (id int primary key, at timestamptz not null);
grant select on public.events to anon;
insert into public.events values (1, '2026-01-01 00:00:00+00');
