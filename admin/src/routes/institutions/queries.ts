/**
 * What the institution pages read (supabase/migrations/*_create_institutions.sql). RLS limits the
 * rows to the person's region or own institution; the exact address lives in institution_sites,
 * which only the institution and its county can read (the embed is null for everybody else).
 */
export type InstitutionRow = {
  id: string;
  name: string;
  type: string;
  ownership: string;
  operating_model: string;
  street_code: string;
  county_code: string;
  city_code: string;
  province_code: string;
  public_address: string | null;
  affordable: boolean;
  services: string[];
  meals_served: boolean;
  opening_hours: string | null;
  prepayment_terms: string | null;
  contact_phone: string | null;
  description: string | null;
  status: string;
  filing_no: string | null;
  filed_at: string | null;
  created_at: string;
  updated_at: string;
  street?: { name: string } | null;
  site?: { address: string; lat: number; lng: number } | null;
};

export const INSTITUTION_LIST_SELECT =
  'id,name,type,ownership,status,affordable,street_code,county_code,filing_no,updated_at,street:regions!street_code(name)';
// Column by column: institutions.created_by is not readable through the API.
export const INSTITUTION_SHOW_SELECT =
  'id,name,type,ownership,operating_model,street_code,county_code,city_code,province_code,public_address,affordable,services,meals_served,opening_hours,prepayment_terms,contact_phone,description,status,filing_no,filed_at,created_at,updated_at,street:regions!street_code(name),site:institution_sites(address,lat,lng)';
