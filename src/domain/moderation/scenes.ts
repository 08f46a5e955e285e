/**
 * Where a piece of user content appears, in WeChat's content-security terms (msgSecCheck /
 * mediaCheckAsync v2 `scene`: 1 资料, 2 评论, 3 论坛, 4 社交日志). Each UGC action names its scene.
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social_log';

export const WECHAT_SCENE: Record<ContentScene, 1 | 2 | 3 | 4> = {
  profile: 1,
  comment: 2,
  forum: 3,
  social_log: 4,
};

/** Which scene each kind of content is declared under (what the README tells the deployer to declare too). */
export const SCENES = {
  /** 积分申报: a household's deed, its note and evidence photos (seen by grid workers and committees). */
  application: 'social_log',
  /** 异议: a villager's objection to a publicity line (seen by the committees). */
  objection: 'comment',
  /** 随手拍·说事, its handling, escalation and closing notes, the 回访 comment. */
  event: 'forum',
  /** 巡查 findings and visit notes. */
  patrol: 'social_log',
  /** Goods on the shop shelf: names and photos every villager sees. */
  goods: 'profile',
  /** Reasons and notes of committee and admin decisions that a household reads. */
  decision: 'comment',
  /** Names of people, grids, villages and catalogue items. */
  profile: 'profile',
} as const satisfies Record<string, ContentScene>;
