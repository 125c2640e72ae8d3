import { describe, expect, it } from 'vitest';
import { canGrant, permissionsFor } from './permissions.ts';
import { percent, slotsPer1000 } from './targets.ts';
import { coordinatesSchema, publicCoordinates } from './institutions.ts';

describe('permissions', () => {
  it('families may register an institution; staff may not; operators edit their own', () => {
    expect(permissionsFor([])).toEqual(['institution.create', 'profile.edit']);
    expect(permissionsFor(['county_admin'])).toContain('filing.review');
    expect(permissionsFor(['county_admin'])).not.toContain('institution.create');
    expect(permissionsFor(['city_admin'])).not.toContain('filing.review');
    expect(permissionsFor(['operator'])).toEqual(expect.arrayContaining(['filing.submit', 'institution.create']));
  });
  it('grants admin roles only from the level directly above', () => {
    expect(canGrant('city_admin', 'county_admin')).toBe(true);
    expect(canGrant('province_admin', 'county_admin')).toBe(false);
    expect(canGrant('province_admin', 'city_admin')).toBe(true);
    expect(canGrant('county_admin', 'inspector')).toBe(true);
    expect(canGrant('county_admin', 'county_admin')).toBe(false);
    expect(canGrant('inspector', 'community_worker')).toBe(false);
  });
});

describe('targets and locations', () => {
  it('computes slots per 1000 and percentages', () => {
    expect(slotsPer1000(3003, 660000)).toBe(4.55);
    expect(percent(1040, 784)).toBe(132.65);
    expect(slotsPer1000(1, 0)).toBeNull();
  });
  it('rounds family childcare points to ~1 km and validates GCJ-02 ranges', () => {
    expect(publicCoordinates('home_based', 35.72183, 116.48266)).toEqual({ lat: 35.72, lng: 116.48 });
    expect(publicCoordinates('center', 35.72183, 116.48266)).toEqual({ lat: 35.72183, lng: 116.48266 });
    expect(coordinatesSchema.safeParse({ lat: 60, lng: 116 }).error?.issues[0]?.message).toBe('纬度应在 3.5～53.6 之间');
  });
});
