import { describe, expect, it } from 'vitest';
import { grantableRoles, invitationChannel, invitationStatus, invitePath } from './accounts.ts';

describe('accounts', () => {
  it('derives the invitation status as the SQL preview does', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const base = { accepted_at: null, revoked_at: null, expires_at: '2026-12-10T00:00:00Z' };
    expect(invitationStatus(base, now)).toBe('pending');
    expect(invitationStatus({ ...base, expires_at: '2026-12-01T00:00:00Z' }, now)).toBe('expired');
    expect(invitationStatus({ ...base, accepted_at: '2026-12-02T00:00:00Z', expires_at: '2026-12-01T00:00:00Z' }, now)).toBe('accepted');
    expect(invitationStatus({ ...base, revoked_at: '2026-12-02T00:00:00Z' }, now)).toBe('revoked');
  });
  it('grants admin roles from the level directly above only', () => {
    expect(grantableRoles('province_admin')).toEqual(['city_admin', 'inspector', 'community_worker']);
    expect(grantableRoles('city_admin')).toEqual(['county_admin', 'inspector', 'community_worker']);
    expect(grantableRoles('county_admin')).toEqual(['inspector', 'community_worker']);
    expect(grantableRoles('inspector')).toEqual([]);
  });
  it('builds the accept page path', () => {
    expect(invitePath('AB12CD34EF56')).toBe('/invite/AB12CD34EF56');
    expect(invitationChannel('13900001111')).toBe('sms');
    expect(invitationChannel(' li@example.cn ')).toBe('email');
    expect(invitationChannel('李老师')).toBeNull();
    expect(invitationChannel('12900001111')).toBeNull();
  });
});
