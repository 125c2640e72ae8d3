import { describe, expect, it } from 'vitest';
import { can, normalizePermissions } from '../../lib/permissions.ts';
import { reviewScopeFilter } from './scope.ts';

const operator = normalizePermissions({
  user_id: 'u-9', roles: ['operator'], scopes: [],
  institutions: [{ id: 'i-1', name: '汶上县爱心托育中心' }],
  permissions: ['class.manage', 'profile.edit', 'review.reply'],
});
const county = normalizePermissions({
  user_id: 'u-4', roles: ['county_admin'], scopes: [{ role: 'county_admin', region_code: '370830000000', level: 'county' }],
  permissions: ['enrollment.stats', 'filing.review', 'review.moderate'],
});
const city = normalizePermissions({
  user_id: 'u-2', roles: ['city_admin'], scopes: [{ role: 'city_admin', region_code: '370800000000', level: 'city' }],
  permissions: ['enrollment.stats', 'review.moderate'],
});
const family = normalizePermissions({ user_id: 'u-20', roles: [], scopes: [], permissions: ['institution.create', 'profile.edit'] });

describe('评价管理 and 入托统计', () => {
  it('narrows reviews to my institutions or the counties under my admin scope (public reviews elsewhere are not mine)', () => {
    expect(reviewScopeFilter(operator)).toBe('institution_id.in.(i-1)');
    expect(reviewScopeFilter(county)).toBe('county_code.eq.370830000000');
    expect(reviewScopeFilter(city)).toBe('county_code.like.3708*');
    expect(reviewScopeFilter(family)).toBeNull();
  });

  it('shows the menus to who may use them', () => {
    expect(can(operator, 'reviews', 'list')).toBe(true);
    expect(can(county, 'reviews', 'list')).toBe(true);
    expect(can(family, 'reviews', 'list')).toBe(false);
    expect(can(county, 'enrollment-stats', 'list')).toBe(true);
    expect(can(operator, 'enrollment-stats', 'list')).toBe(false);
    expect(can(family, 'enrollment-stats', 'list')).toBe(false);
  });
});
