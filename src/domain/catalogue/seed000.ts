/**
 * The seed-000 default points catalogue (默认积分目录), transcribed from
 * shared/seeds/000_e722808b7de5ca7e.txt, sections 一、社会治安类 … 六、单位积分类.
 *
 * Item names are the source sentences (ASCII punctuation kept), with the source's obvious
 * typos corrected (财务 → 财物, 桔梗 → 秸秆, an unmatched “) and the trailing ",N分" /
 * ",当年积N分" / ",每次积N分" … dropped: the points and the unit (当年/每月/每次) carry it.
 *
 * Field rules:
 * - unit: 当年 / 当年度 / 每年 → per_year; 当月 / 每月 → per_month; otherwise per_time.
 * - cap: per_year → once a year, per_month → once a month, per_time → none
 *   (one judgement call: PV-03, commented below).
 * - evidenceRequired: proof of an act is needed, except for standing conduct and for the
 *   committee-verified honours / media commendations / deductions (奖励惩罚类).
 * - negativeList: only RP-14. selfReport: false only for PV-01, RP-13 and RP-14.
 */
import type { CatalogueCategory, CatalogueItem, ItemUnit } from './types';

export const SEED_000_VERSION_LABEL = 'seed-000 默认积分目录';

/** The claim needs proof of an act (photo, certificate, a witness …). */
const PROOF = true;
/** Standing conduct or committee-verified: no proof to attach. */
const NO_PROOF = false;

function defaultCap(unit: ItemUnit): CatalogueItem['cap'] {
  if (unit === 'per_year') return { times: 1, period: 'year' };
  if (unit === 'per_month') return { times: 1, period: 'month' };
  return null;
}

function item(
  code: string,
  name: string,
  points: number,
  unit: ItemUnit,
  evidenceRequired: boolean,
  overrides: Partial<Pick<CatalogueItem, 'cap' | 'negativeList' | 'selfReport'>> = {},
): CatalogueItem {
  return {
    code,
    name,
    points,
    unit,
    cap: defaultCap(unit),
    evidenceRequired,
    negativeList: false,
    selfReport: true,
    ...overrides,
  };
}

export const SEED_000_CATEGORIES: CatalogueCategory[] = [
  {
    code: 'SA',
    name: '社会治安类',
    subject: 'household',
    items: [
      item('SA-01', '制止正在危害国家安全、公共安全或者扰乱公共秩序的违法犯罪行为', 30, 'per_time', PROOF),
      item('SA-02', '制止正在侵害他人人身安全或者国家、集体、他人财产安全的违法犯罪行为', 30, 'per_time', PROOF),
      item('SA-03', '为保护国家、集体财产或他人人身、财产安全实施抢救、救灾、救人行为', 30, 'per_time', PROOF),
      item('SA-04', '协助追捕嫌疑人或者提供线索、侦破刑事案', 30, 'per_time', PROOF),
      item('SA-05', '参与调处婚姻、家庭、土地权属等民间纠纷', 15, 'per_time', PROOF),
      item('SA-06', '协助处理群体性事件', 15, 'per_time', PROOF),
      item('SA-07', '举报封建迷信行为', 5, 'per_time', PROOF),
      item('SA-08', '提供本地非法集资、传销窝点、各类诈骗信息', 5, 'per_time', PROOF),
      item('SA-09', '提供制造、贩卖、运输、贮藏、销售假冒伪劣产品信息', 5, 'per_time', PROOF),
      item('SA-10', '举报卖淫嫖娼、传播淫秽物品', 5, 'per_time', PROOF),
      item('SA-11', '制止、举报吸毒、赌博等违法犯罪行为', 5, 'per_time', PROOF),
      item('SA-12', '制止、举报制造、传播谣言行为', 5, 'per_time', PROOF),
      item('SA-13', '反映、制止故意破坏国家、集体、个人财产行为', 5, 'per_time', PROOF),
      item('SA-14', '参与社区(村)里组织的防火、防盗、防爆、防事故活动', 5, 'per_time', PROOF),
      item('SA-15', '其他维护社会治安秩序行为', 5, 'per_time', PROOF),
    ],
  },
  {
    code: 'PV',
    name: '公益美德类',
    subject: 'household',
    items: [
      // Base score granted by the committee each year, not claimed by the household.
      item('PV-01', '遵纪守法,遵守村规民约,为人诚实守信,无群众反映不良行为', 100, 'per_year', NO_PROOF, { selfReport: false }),
      // "每年" → per_year, so at most once a year (the text says so itself).
      item('PV-02', '每年选择适当旅游项目陪同父母外出观光', 5, 'per_year', PROOF),
      // Judgement call: a health check-up with one's parents is an annual thing; capped once a year.
      item('PV-03', '带父母做身体检查', 5, 'per_time', PROOF, { cap: { times: 1, period: 'year' } }),
      item('PV-04', '参与公益植树活动', 5, 'per_time', PROOF),
      item('PV-05', '参与志愿者服务活动', 5, 'per_time', PROOF),
      item('PV-06', '帮助解决留守儿童、妇女、老人生产、生活和学习上的困难', 5, 'per_time', PROOF),
      item('PV-07', '参与集体组织的扶贫救灾捐款活动', 5, 'per_time', PROOF),
      item('PV-08', '参与义务献血活动', 5, 'per_time', PROOF),
      // Source says "财务" (a typo for 财物): corrected.
      item('PV-09', '拾到财物主动上交或归还失主', 5, 'per_time', PROOF),
      item('PV-10', '宣传党和国家政策,帮助发放宣传资料等', 5, 'per_time', PROOF),
      item('PV-11', '在网上宣传本地好人好事', 5, 'per_time', PROOF),
      item('PV-12', '劝阻乱贴乱画、乱攀乱摘、践踏破坏环境行为', 5, 'per_time', PROOF),
      item('PV-13', '帮扶贫困户', 5, 'per_time', PROOF),
      item('PV-14', '移风易俗、红白喜事不大操大办,丧事按殡葬改革办', 10, 'per_time', PROOF),
      item('PV-15', '其他维护社会公德行为', 5, 'per_time', PROOF),
    ],
  },
  {
    code: 'RB',
    name: '乡村建设类',
    subject: 'household',
    items: [
      item('RB-01', '制止、举报秸秆焚烧行为', 5, 'per_time', PROOF),
      item('RB-02', '举报违章建筑、破坏环境等行为', 5, 'per_time', PROOF),
      item('RB-03', '主动参与社区(村)清除牛皮癣小广告、清扫公共场所卫生、清理公共垃圾桶等', 5, 'per_time', PROOF),
      item('RB-04', '在美丽乡村建设中主动认领责任区', 5, 'per_time', PROOF),
      item('RB-05', '参与社区(村)组织的一事一议活动', 5, 'per_time', PROOF),
      item('RB-06', '参与社区(村)组织的义务劳动', 5, 'per_time', PROOF),
      item('RB-07', '参与社区(村)组织的各类会议', 5, 'per_time', PROOF),
      // Source has an unbalanced opening quote “: dropped.
      item('RB-08', '主动缴纳合作医疗和粮食保险的', 5, 'per_time', PROOF),
      item('RB-09', '为社区(村)发展、治理建言献策并得到采纳', 5, 'per_time', PROOF),
      item('RB-10', '为社区(村)发展、治理建言献策未得到采纳', 1, 'per_time', PROOF),
      item('RB-11', '领办农村新型经营主体,如农民专业合作社、家庭农场等', 10, 'per_time', PROOF),
      item('RB-12', '加入农村新型经营主体', 5, 'per_time', PROOF),
      item('RB-13', '邻里之间守望互助,义务帮助他人', 5, 'per_time', PROOF),
      item('RB-14', '领办农村新型经营主体,每安置一名农村剩余劳动力', 5, 'per_time', PROOF),
      item('RB-15', '其他参与乡村建设的行为', 5, 'per_time', PROOF),
    ],
  },
  {
    code: 'RP',
    name: '奖励惩罚类',
    subject: 'household',
    items: [
      // Honours (RP-01…RP-12) are verified by the committee against the award itself: no evidence upload required.
      item('RP-01', '获得国家级荣誉', 500, 'per_time', NO_PROOF),
      item('RP-02', '获得省级荣誉', 300, 'per_time', NO_PROOF),
      item('RP-03', '获得地市级荣誉', 100, 'per_time', NO_PROOF),
      item('RP-04', '获得县市级荣誉', 50, 'per_time', NO_PROOF),
      item('RP-05', '获得乡镇级荣誉', 20, 'per_time', NO_PROOF),
      item('RP-06', '获得社区(村)级荣誉', 10, 'per_time', NO_PROOF),
      // Media reports / commendations: treated like honours (committee-verified).
      item('RP-07', '先进事迹被国家媒体报道或者通报表彰', 200, 'per_time', NO_PROOF),
      item('RP-08', '先进事迹被省级媒体报道或者通报表彰', 100, 'per_time', NO_PROOF),
      item('RP-09', '先进事迹被地市媒体报道或者通报表彰', 50, 'per_time', NO_PROOF),
      item('RP-10', '先进事迹被县市媒体报道或者通报表彰', 20, 'per_time', NO_PROOF),
      item('RP-11', '先进事迹被乡镇媒体报道或者通报表彰', 10, 'per_time', NO_PROOF),
      item('RP-12', '先进事迹被村级媒体报道或者通报表彰', 5, 'per_time', NO_PROOF),
      // "相应项目双倍扣分": no fixed value. The audit computes −2 × the faked item's points.
      item('RP-13', '个人、家庭或者单位申报弄虚作假,给予相应项目双倍扣分', 0, 'per_time', NO_PROOF, { selfReport: false }),
      // Veto (一票否决), not a point value: the household may still earn points in the period but takes no part in redemption.
      item('RP-14', '出现违法违纪问题,实行一票否决,在规定期限内仍可积分但不参与积分兑换奖励', 0, 'per_time', NO_PROOF, { negativeList: true, selfReport: false }),
    ],
  },
  {
    code: 'FM',
    name: '家庭积分类',
    subject: 'household',
    items: [
      // Standing-conduct items (FM-01/02/03/07/08/10/12) need no proof of an act; the committee knows the household.
      // FM-05/06/11 are also yearly but leave something to show (planting, renovation, what hangs on the wall): a photo is asked for.
      item('FM-01', '家庭无家暴现象及虐待家人行为', 10, 'per_year', NO_PROOF),
      item('FM-02', '邻里团结无矛盾纠纷', 15, 'per_year', NO_PROOF),
      item('FM-03', '保障子女的义务教育权利、无辍学现象', 6, 'per_year', NO_PROOF),
      item('FM-04', '家庭成员学历提升', 5, 'per_time', PROOF),
      item('FM-05', '房前屋后种植花草树木,美化环境', 10, 'per_year', PROOF),
      item('FM-06', '家庭改厕、改圈、改厨,建沼气池', 10, 'per_year', PROOF),
      item('FM-07', '垃圾分类处理,践行厨余堆肥等环保生活方式', 15, 'per_year', NO_PROOF),
      item('FM-08', '家庭内外环境整洁、干净卫生', 5, 'per_month', NO_PROOF),
      item('FM-09', '家庭成员入党、入团、参军', 5, 'per_time', PROOF),
      item('FM-10', '家庭成员相互履行抚养、赡养、照顾义务', 5, 'per_year', NO_PROOF),
      item('FM-11', '厅堂悬挂家训、家风书法、荣誉墙和美术作品', 6, 'per_year', PROOF),
      // Source says "桔梗" (a typo for 秸秆): corrected.
      item('FM-12', '家庭无秸秆焚烧行为', 10, 'per_year', NO_PROOF),
      item('FM-13', '其他家庭参与社会治理行为', 5, 'per_time', PROOF),
    ],
  },
  {
    code: 'UN',
    name: '单位积分类',
    subject: 'unit',
    items: [
      item('UN-01', '有5人及以上参与社区(村)的各项活动', 5, 'per_time', PROOF),
      item('UN-02', '有5人及以上参加社区(村)的义务劳动', 5, 'per_time', PROOF),
      // Standing conduct (UN-03, UN-05): no proof of an act required.
      item('UN-03', '保持本单位所属范围干净整洁', 10, 'per_month', NO_PROOF),
      item('UN-04', '及时清除本单位所属范围的牛皮癣小广告', 5, 'per_time', PROOF),
      item('UN-05', '不出店占道经营', 5, 'per_month', NO_PROOF),
      item('UN-06', '对辖区困难家庭提供帮助', 10, 'per_time', PROOF),
      item('UN-07', '资助社区(村)开展活动', 20, 'per_time', PROOF),
      // "当次" is per occurrence → per_time.
      item('UN-08', '配合社区(村)登记相关信息', 5, 'per_time', PROOF),
      item('UN-09', '利用电子屏或其他媒介宣传各类创建活动', 5, 'per_month', PROOF),
      item('UN-10', '社团组织为辖区居民提供义演等服务', 5, 'per_time', PROOF),
      item('UN-11', '参与社区(村)社会治理其他行为', 5, 'per_time', PROOF),
    ],
  },
];
