import type { IsoDate } from '../shared/time';
import type { NoticeKind } from './kinds';

/** One notice to one person (collection `notices`). The id is the idempotency key plus the person. */
export interface Notice {
  _id: string;
  personId: string;
  kind: NoticeKind;
  /** What it is about (an application, an audit month, a publicity, an event …). */
  subjectId: string;
  /** The China date the key was made for: a re-run of the same day finds the same id. */
  day: IsoDate;
  title: string;
  body: string;
  /** The page it opens, with its query (no leading slash). */
  page: string;
  villageId: string | null;
  createdAt: number;
  readAt: number | null;
}

/** The facts a notice's words are made from; each kind reads the ones it needs. */
export interface NoticeFacts {
  villageId?: string | null;
  villageName?: string;
  /** 'YYYY-MM' of an audit month. */
  month?: string;
  /** 'YYYY-Qn' */
  quarter?: string;
  /** 'YYYY' of a year's 评比. */
  year?: string;
  /** An application's item name, an event's category, goods … */
  what?: string;
  reason?: string;
  points?: number;
  count?: number;
  /** A date the reader must act by ('YYYY-MM-DD'). */
  by?: IsoDate;
  /** An instant the reader must act by (epoch ms), e.g. an event deadline. */
  deadlineAt?: number;
  outcome?: string;
  /** Join requests: the requester's name (the head sees who asks to join their own household). */
  name?: string;
}

/** What a trigger hands over: the kind, what it is about and when; recipients come from ./recipients.ts. */
export interface NoticeDraft {
  kind: NoticeKind;
  subjectId: string;
  facts: NoticeFacts;
}
