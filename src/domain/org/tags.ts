/**
 * Household tags for care and key groups [002]: the grid worker visits these households more
 * often, and the 人员信息分布台账 counts them per grid. Private (see grid/policy.ts).
 */
export const HOUSEHOLD_TAGS = ['hardship', 'empty_nest', 'over_70', 'low_income', 'migrant', 'key_person', 'disabled', 'left_behind_child'] as const;
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

export const HOUSEHOLD_TAG_LABELS: Record<HouseholdTag, string> = {
  hardship: '困难家庭',
  empty_nest: '空巢老人',
  over_70: '70岁以上',
  low_income: '低收入',
  migrant: '流动人口',
  key_person: '重点人员',
  disabled: '残疾人',
  left_behind_child: '留守儿童',
};

/** Words cadres write in their spreadsheets for each tag (the label first). */
const TAG_ALIASES: Record<HouseholdTag, string[]> = {
  hardship: ['困难家庭', '困难户', '特困'],
  empty_nest: ['空巢老人', '空巢'],
  over_70: ['70岁以上', '七十岁以上', '70岁及以上', '高龄老人'],
  low_income: ['低收入', '低保', '低保户', '低收入户'],
  migrant: ['流动人口', '外来人口'],
  key_person: ['重点人员', '重点人群'],
  disabled: ['残疾人', '残疾'],
  left_behind_child: ['留守儿童'],
};

const BY_WORD = new Map<string, HouseholdTag>(HOUSEHOLD_TAGS.flatMap((t) => TAG_ALIASES[t].map((w) => [w, t] as const)));

/** A tag from a label or a common alias; null if unknown. */
export function tagFromLabel(word: string): HouseholdTag | null {
  const w = word.trim();
  return BY_WORD.get(w) ?? (isHouseholdTag(w) ? w : null);
}

export function isHouseholdTag(s: string): s is HouseholdTag {
  return (HOUSEHOLD_TAGS as readonly string[]).includes(s);
}

/** "困难家庭、空巢老人" or "困难家庭,低保" → tags; unknown words come back separately. */
export function parseTagList(text: string): { tags: HouseholdTag[]; unknown: string[] } {
  const tags: HouseholdTag[] = [];
  const unknown: string[] = [];
  for (const word of text.split(/[、,，;；/\s]+/).map((w) => w.trim()).filter((w) => w !== '')) {
    const t = tagFromLabel(word);
    if (t === null) unknown.push(word);
    else if (!tags.includes(t)) tags.push(t);
  }
  return { tags: sortTags(tags), unknown };
}

/** Tags in the canonical order, without repeats (so equal sets compare equal). */
export function sortTags(tags: readonly HouseholdTag[]): HouseholdTag[] {
  return HOUSEHOLD_TAGS.filter((t) => tags.includes(t));
}

export function tagLabels(tags: readonly HouseholdTag[] | undefined): string {
  return sortTags(tags ?? []).map((t) => HOUSEHOLD_TAG_LABELS[t]).join('、');
}
