import { admits } from '@domain/access/gate';
import { onboardingGates } from '@domain/onboarding/policy';
import type { WhoAmI } from '@domain/api/index';

export type OnboardingAccess = Record<'town' | 'villageAdmin' | 'bindingLog' | 'joinDecider' | 'householdHead', boolean>;

/** Which going-live pages a person may open, asked of the domain's gates (never re-derived from role names). */
export function onboardingAccess(me: WhoAmI): OnboardingAccess {
  const who = { roles: me.roles, householdId: me.household?.id ?? null };
  return {
    town: admits(onboardingGates.town, who),
    villageAdmin: admits(onboardingGates.villageAdmin, who),
    bindingLog: admits(onboardingGates.bindingLog, who),
    joinDecider: admits(onboardingGates.joinDecider, who),
    householdHead: admits(onboardingGates.householdHead, who),
  };
}
