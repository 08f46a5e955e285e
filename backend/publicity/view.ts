import { photoViews } from '../moderation/photos';
import type { Deps } from '../runtime/deps';
import type { Person } from '@domain/org/types';
import { maskName } from '@domain/org/types';
import { cstDate } from '@domain/shared/time';
import type { ObjectionView, PublicityView, RedBlackView } from '@domain/api/publicity';
import type { Objection, Publicity, PublicityLine } from '@domain/publicity/types';
import { OBJECTION_STATUS_LABELS, PUBLICITY_STATUS_LABELS } from '@domain/publicity/types';
import { policyWithDefaults } from '@domain/org/policy';
import { describeDecision } from '@domain/publicity/objection';
import { objectionSides } from '@domain/publicity/policy';
import { LINES_PER_CHUNK, lineKey } from '@domain/publicity/lines';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';
import { publicityRepo } from '../repos/publicity';
import type { Reader } from './access';

/** The caller's own household's line in this publicity (one indexed query). */
export async function myLine(db: Database, person: Person, p: Publicity): Promise<PublicityLine | null> {
  if (!person.householdId || p.status === 'opening') return null;
  const household = await orgRepo.household(db, person.householdId);
  if (!household || household.villageId !== p.villageId) return null;
  const chunk = await publicityRepo.chunkOfKey(db, p._id, lineKey(household));
  return chunk?.lines.find((l) => l.householdId === household._id) ?? null;
}

export async function publicityView(db: Database, person: Person, reader: Reader, p: Publicity, now: number): Promise<PublicityView> {
  const { cursor, redBlack, ...rest } = p;
  void redBlack;
  const today = cstDate(now);
  const decide = objectionSides(person, p.villageId).length > 0;
  return {
    ...rest,
    statusLabel: PUBLICITY_STATUS_LABELS[p.status],
    progress: cursor ? (cursor.phase === 'open' ? p.householdCount + (p.unitCount ?? 0) : Math.min(p.householdCount + (p.unitCount ?? 0), cursor.next * LINES_PER_CHUNK + (cursor.at ?? 0))) : null,
    myLine: await myLine(db, person, p),
    can: {
      object: reader.villager && p.status === 'open' && today <= p.endDate,
      close: reader.admin && (p.status === 'open' || p.status === 'returned'),
      reopen: reader.admin && p.status === 'returned',
      townDecide: reader.town && (p.status === 'closed' || p.status === 'approving'),
      decideObjections: decide,
      export: reader.committee,
    },
  };
}

/** 红黑榜 as the policy lets the caller see it: everyone of the village, or committees only. */
export function redBlackView(reader: Reader, p: Publicity): RedBlackView {
  const visibility = policyWithDefaults(reader.village.policy).redBlackVisibility;
  const visible = p.status !== 'opening' && p.redBlack !== null && (visibility === 'village' || reader.committee);
  const rb = visible && p.redBlack ? p.redBlack : null;
  return {
    quarter: p.quarter,
    villageName: p.villageName,
    visible,
    visibility,
    quarterTop: rb?.quarterTop ?? [],
    yearTop: rb?.yearTop ?? [],
    quarterBlack: rb?.quarterBlack ?? [],
    yearBlack: rb?.yearBlack ?? [],
    computedAt: rb?.computedAt ?? null,
  };
}

/** An objection as shown: photos as URLs; the objector named in full for committees and themselves. */
export async function objectionView(deps: Pick<Deps, 'db' | 'files' | 'content' | 'now'>, person: Person, committee: boolean, o: Objection): Promise<ObjectionView> {
  const photos = await photoViews(deps, o.photos, person._id);
  const own = o.objectorId === person._id;
  return {
    ...o,
    statusLabel: OBJECTION_STATUS_LABELS[o.status],
    photos,
    objectorName: committee || own ? o.objectorName : maskName(o.objectorName),
    decisionText: (o.status === 'upheld' || o.status === 'dismissed') && o.decision ? describeDecision(o.decision) : null,
  };
}
