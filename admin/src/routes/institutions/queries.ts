/**
 * What the institution pages read. Column names follow the core-schema migration
 * (supabase/migrations/*_institutions*.sql); RLS limits rows to the person's region or institution.
 */
export type InstitutionRow = {
  id: string;
  name: string;
  type: string;
  ownership: string | null;
  operating_model: string | null;
  status: string;
  is_affordable: boolean;
  region_code: string;
  address: string | null;
  services: string[] | null;
  opening_hours: string | null;
  lat: number | null;
  lng: number | null;
  created_at: string;
  updated_at: string;
  region?: { name: string } | null;
};

export const INSTITUTION_REGION_COLUMN = 'region_code';
export const INSTITUTION_AFFORDABLE_COLUMN = 'is_affordable';

export const INSTITUTION_LIST_SELECT =
  'id,name,type,ownership,status,is_affordable,region_code,address,updated_at,region:regions(name)';
export const INSTITUTION_SHOW_SELECT = '*,region:regions(name)';
