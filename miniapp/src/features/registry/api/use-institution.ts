/**
 * One filed institution's public page: the row anon may read (RLS: filed only), its classes, and
 * the names of its county and street for the address line.
 */
import { useQuery } from '@tanstack/react-query';
import { feeListSchema } from '@tuoyu/domain';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export interface InstitutionClass {
  id: string;
  name: string;
  classType: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  capacity: number;
  enrolled: number;
  /** When capacity or enrolled last changed (freshness of the vacancy). */
  updatedAt: string;
}

export interface FeeItem {
  name: string;
  amount: number;
  unit: string;
}

export interface InstitutionDetail {
  id: string;
  name: string;
  type: string;
  ownership: string;
  operatingModel: string;
  affordable: boolean;
  services: string[];
  mealsServed: boolean;
  openingHours: string | null;
  description: string | null;
  /** public_contact_phone: a centre's phone; a home-based point's mobile masked (138****1234). */
  contactPhone: string | null;
  status: string;
  /** Why the county suspended the institution (public). */
  statusReason: string | null;
  filingNo: string | null;
  filedAt: string | null;
  /** Full address of a centre; the street name of a home-based point. */
  publicAddress: string | null;
  lat: number | null;
  lng: number | null;
  /** 山东省济宁市汶上县 … from the region codes. */
  areaNames: string[];
  fees: FeeItem[];
  prepaymentTerms: string | null;
  classes: InstitutionClass[];
  /** 评价: averages of visible reviews (institution_rating) and the recent texts, author masked. */
  rating: Rating | null;
  reviews: PublicReview[];
}

export interface Rating {
  reviews: number;
  care: number | null;
  safety: number | null;
  meals: number | null;
  communication: number | null;
  fees: number | null;
  overall: number | null;
}

export interface PublicReview {
  id: string;
  authorLabel: string;
  body: string;
  reply: string | null;
  createdAt: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The institution, or null when there is no filed institution with that id. */
export async function fetchInstitution(id: string, signal?: AbortSignal): Promise<InstitutionDetail | null> {
  const supabase = getSupabase();
  const request = supabase
    .from('institutions')
    .select(
      'id,name,type,ownership,operating_model,affordable,services,meals_served,opening_hours,description,public_contact_phone,status,status_reason,filing_no,filed_at,public_address,public_lat,public_lng,province_code,city_code,county_code,street_code,fee_items,prepayment_terms,classes(id,name,class_type,min_age_months,max_age_months,capacity,enrolled,updated_at)',
    )
    .eq('id', id)
    .order('min_age_months', { referencedTable: 'classes' });
  const result = await (signal ? request.abortSignal(signal) : request).maybeSingle();
  throwIfError(result);
  const row = result.data;
  if (!row) return null;

  const codes = [row.province_code, row.city_code, row.county_code, row.street_code];
  const regionsRequest = supabase.from('regions').select('code,name').in('code', codes);
  const regions = await (signal ? regionsRequest.abortSignal(signal) : regionsRequest);
  throwIfError(regions);
  const nameOf = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
  // A home-based point publishes its street only; the street is then the last part of the area.
  const areaCodes = row.type === 'home_based' ? codes : codes.slice(0, 3);
  const areaNames = [...new Set(areaCodes.map((code) => nameOf.get(code)).filter((n): n is string => Boolean(n)))];

  const ratingRequest = supabase.rpc('institution_rating', { institution: id });
  const reviewsRequest = supabase.from('reviews').select('id,author_label,body,reply,created_at').eq('institution_id', id)
    .eq('hidden', false).order('created_at', { ascending: false }).limit(5);
  const [rating, reviews] = await Promise.all([
    signal ? ratingRequest.abortSignal(signal) : ratingRequest,
    signal ? reviewsRequest.abortSignal(signal) : reviewsRequest,
  ]);
  throwIfError(rating);
  throwIfError(reviews);
  const r = (rating.data ?? [])[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

  const fees = feeListSchema.safeParse(row.fee_items);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    ownership: row.ownership,
    operatingModel: row.operating_model,
    affordable: row.affordable,
    services: row.services ?? [],
    mealsServed: row.meals_served,
    openingHours: row.opening_hours,
    description: row.description,
    contactPhone: row.public_contact_phone,
    status: row.status,
    statusReason: row.status_reason,
    filingNo: row.filing_no,
    filedAt: row.filed_at,
    publicAddress: row.public_address,
    lat: row.public_lat === null ? null : Number(row.public_lat),
    lng: row.public_lng === null ? null : Number(row.public_lng),
    areaNames,
    fees: fees.success ? fees.data : [],
    prepaymentTerms: row.prepayment_terms,
    rating: r && Number(r.reviews) > 0
      ? { reviews: Number(r.reviews), care: num(r.care), safety: num(r.safety), meals: num(r.meals), communication: num(r.communication),
          fees: num(r.fees), overall: num(r.overall) }
      : null,
    reviews: (reviews.data ?? []).map((x) => ({ id: x.id, authorLabel: x.author_label, body: x.body, reply: x.reply, createdAt: x.created_at })),
    classes: row.classes.map((c) => ({
      id: c.id,
      name: c.name,
      classType: c.class_type,
      minAgeMonths: c.min_age_months,
      maxAgeMonths: c.max_age_months,
      capacity: c.capacity,
      enrolled: c.enrolled,
      updatedAt: c.updated_at,
    })),
  };
}

export function useInstitution(id: string | undefined) {
  return useQuery({
    queryKey: ['registry', 'institution', id ?? ''] as const,
    queryFn: ({ signal }) => fetchInstitution(id ?? '', signal),
    enabled: id !== undefined && UUID.test(id),
  });
}
