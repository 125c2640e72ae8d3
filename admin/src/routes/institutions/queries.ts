/**
 * What the institution pages read (supabase/migrations/*_create_institutions.sql). RLS limits the
 * rows to the person's region or own institution; the exact address lives in institution_sites,
 * which only the institution and its county can read (the embed is null for everybody else).
 */
import type { Tables } from '../../lib/db.ts';

export type InstitutionRow = Tables<'institutions'> & {
  street?: Pick<Tables<'regions'>, 'name'> | null;
  site?: Pick<Tables<'institution_sites'>, 'address' | 'lat' | 'lng'> | null;
};

export const INSTITUTION_LIST_SELECT =
  'id,name,type,ownership,status,affordable,street_code,county_code,filing_no,updated_at,street:regions!street_code(name)';
// Column by column: institutions.created_by is not readable through the API.
export const INSTITUTION_SHOW_SELECT =
  'id,name,type,ownership,operating_model,street_code,county_code,city_code,province_code,public_address,affordable,services,meals_served,opening_hours,prepayment_terms,contact_phone,description,status,filing_no,filed_at,created_at,updated_at,street:regions!street_code(name),site:institution_sites(address,lat,lng)';
