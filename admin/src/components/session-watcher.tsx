import { useInvalidateAuthStore } from '@refinedev/core';
import { useEffect } from 'react';
import { clearPermissionsCache } from '../providers/permissions.ts';
import { supabaseClient } from '../providers/supabase-client.ts';

/**
 * Session expiry: when supabase-js signs the person out (refresh token expired or revoked, sign-out
 * in another tab) or switches user, drop cached permissions and let refine re-check the session,
 * which sends the person to /login.
 */
export function SessionWatcher() {
  const invalidateAuthStore = useInvalidateAuthStore();
  useEffect(() => {
    const { data } = supabaseClient.auth.onAuthStateChange((event) => {
      if (event === 'SIGNED_OUT' || event === 'SIGNED_IN' || event === 'USER_UPDATED') {
        clearPermissionsCache();
        // Outside the auth callback: supabase-js holds a lock while it runs.
        setTimeout(() => void invalidateAuthStore(), 0);
      }
    });
    return () => data.subscription.unsubscribe();
  }, [invalidateAuthStore]);
  return null;
}
