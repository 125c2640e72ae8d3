/**
 * Helpers of the whole-story browser test (tests/e2e/story): a fresh operator account with its own
 * unfiled institution in 汶上县 (made with the service role, so the story never touches the seeded
 * institutions other tests read), the 新办 form of the filing wizard, and the certificate's QR target
 * mapped onto the e2e mini-program server.
 */
import type { Page } from 'playwright-core';
import { R } from '../../support/fixtures.ts';

type Env = { supabaseUrl: string; anonKey: string; serviceRoleKey: string };

export type StoryOperator = {
  email: string;
  password: string;
  institutionId: string;
  institutionName: string;
  /** The exact site (GCJ-02) — a centre's public location is the site itself. */
  site: { address: string; lat: number; lng: number };
};

/** 汶上县中都街道 (seeded street of 汶上县). */
export const WENSHANG_STREET = R.zhongduStreet;

async function service(env: Env, method: 'POST', pathAndQuery: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${env.supabaseUrl}/${pathAndQuery}`, {
    method,
    headers: {
      apikey: env.serviceRoleKey,
      authorization: `Bearer ${env.serviceRoleKey}`,
      'content-type': 'application/json',
      prefer: 'return=representation',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * A confirmed operator account (GoTrue admin API) that owns a new, unfiled 托育机构 in 汶上县中都街道
 * with an exact site ~500 m from the 汶上县城 preset — everything made with the service role.
 */
export async function createStoryOperator(env: Env): Promise<StoryOperator> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `e2e-story-${suffix}@example.test`;
  const password = 'E2e-story-2026!';
  const user = (await service(env, 'POST', 'auth/v1/admin/users', {
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: '故事园长' },
  })) as { id?: string; user?: { id: string } };
  const userId = user.id ?? user.user?.id;
  if (!userId) throw new Error(`creating the operator returned no id: ${JSON.stringify(user)}`);

  const institutionName = `汶上县故事${suffix.slice(-4).toUpperCase()}托育园`;
  const [institution] = (await service(env, 'POST', 'rest/v1/institutions', {
    name: institutionName,
    type: 'center',
    ownership: 'private',
    operating_model: 'community',
    street_code: WENSHANG_STREET,
    affordable: true,
    services: ['full_day'],
    meals_served: false,
    contact_phone: '0537-7290001',
  })) as { id: string; county_code: string }[];
  if (!institution) throw new Error('registering the institution returned no row');
  if (institution.county_code !== '370830000000') throw new Error(`the institution landed in ${institution.county_code}, not 汶上县`);
  await service(env, 'POST', 'rest/v1/institution_members', { institution_id: institution.id, user_id: userId, member_role: 'owner' });
  const site = { address: '汶上县中都街道故事路18号', lat: 35.7331, lng: 116.4978 };
  await service(env, 'POST', 'rest/v1/institution_sites', { institution_id: institution.id, ...site });
  return { email, password, institutionId: institution.id, institutionName, site };
}

function numberInput(page: Page, testId: string) {
  return page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
}

/** Step 2 of the wizard for a 新办备案: the form's fields, then 保存并下一步 (waits for the materials step). */
export async function fillNewFilingForm(
  page: Page,
  values: { representative: string; contact: string; phone: string; slots: number; area?: number },
): Promise<void> {
  await page.getByTestId('filing-step-form').waitFor({ state: 'visible' });
  await page.getByTestId('filing-form-legal-representative').fill(values.representative);
  await page.getByTestId('filing-form-contact-person').fill(values.contact);
  await page.getByTestId('filing-form-contact-phone').fill(values.phone);
  await numberInput(page, 'filing-form-total-slots').fill(String(values.slots));
  if (values.area !== undefined) await numberInput(page, 'filing-form-building-area').fill(String(values.area));
  await saveFormAndNext(page);
}

/** 保存并下一步 on the form step; waits for the materials step. */
export async function saveFormAndNext(page: Page): Promise<void> {
  await page.getByTestId('filing-form-next').click();
  await page.getByTestId('filing-step-materials').waitFor({ state: 'visible' });
}
