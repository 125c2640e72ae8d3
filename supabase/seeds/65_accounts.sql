-- Demo data of the account screens (issue 13 §1). Applied after ../seed.sql (config.toml [db.seed]).
-- Invitations in every state, so 账号邀请 is populated: the 汶上 county invited a second owner for
-- the draft 南站 (pending; demo link /invite/DE30A1B2C3D4), one expired; the 爱心 operator invited
-- two carers (one revoked, one pending); the 爱心 operator's own invitation was accepted.
-- Only hashes are stored, as create_institution_invitation does.
insert into public.institution_invitations (id, institution_id, county_code, invitee, member_role, code_hash, expires_at,
  accepted_by, accepted_at, revoked_at, created_by, created_at)
values
  ('65000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000003', '370830000000', 'nanzhan.owner@example.cn', 'owner',
   encode(sha256(convert_to('DE30A1B2C3D4', 'UTF8')), 'hex'), now() + interval '6 days',
   null, null, null, '00000000-0000-4000-8000-000000000004', now() - interval '1 day'),
  ('65000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000009', '370830000000', '13905370001', 'owner',
   encode(sha256(convert_to('DE30A1B2C3D5', 'UTF8')), 'hex'), now() - interval '2 days',
   null, null, null, '00000000-0000-4000-8000-000000000004', now() - interval '9 days'),
  ('65000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', '370830000000', '13905370002', 'staff',
   encode(sha256(convert_to('DE30A1B2C3D6', 'UTF8')), 'hex'), now() + interval '5 days',
   null, null, now() - interval '1 day', '00000000-0000-4000-8000-000000000009', now() - interval '2 days'),
  ('65000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', '370830000000', 'carer.wang@example.cn', 'staff',
   encode(sha256(convert_to('DE30A1B2C3D7', 'UTF8')), 'hex'), now() + interval '7 days',
   null, null, null, '00000000-0000-4000-8000-000000000009', now()),
  ('65000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001', '370830000000', 'operator.wenshang@demo.tuoyu.cn', 'owner',
   encode(sha256(convert_to('DE30A1B2C3D8', 'UTF8')), 'hex'), '2024-11-08 09:00+08',
   '00000000-0000-4000-8000-000000000009', '2024-11-02 10:00+08', null, '00000000-0000-4000-8000-000000000004', '2024-11-01 09:00+08')
on conflict (id) do nothing;
