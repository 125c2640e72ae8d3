import { ROUTES } from '../../../../routes.ts';

export default definePageConfig({ navigationBarTitleText: ROUTES.familyGuardians.title });
