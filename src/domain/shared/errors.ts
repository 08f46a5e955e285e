/**
 * Stable error codes shared by cloud functions and the mini-program.
 * The code is for programs; the message is what a villager reads.
 */
export const ERROR_MESSAGES = {
  BAD_INPUT: '填写的内容有误，请检查后重试',
  NOT_REGISTERED: '您还未登记为本村村民，请联系网格员或村委会',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '找不到要操作的记录',
  NOT_OWN_HOUSEHOLD: '只能为本户申报积分',
  NOT_IN_GRID: '该户不在您负责的网格内',
  OWN_HOUSEHOLD_REVIEW: '不能审核本户的申报（需回避）',
  OWN_HOUSEHOLD_HONOURED: '您家在本次评比名单中，按规定回避，不能签字确认',
  HONOURS_TOO_MANY: '获评户数超过一次评比的上限，请提高评比标准后重新计算',
  ITEM_NOT_IN_CATALOGUE: '该积分项目在事项发生日期时不在本村积分目录中',
  DATE_IN_FUTURE: '事项发生日期不能晚于今天',
  DATE_TOO_OLD: '事项发生日期超出可申报期限（本月或上月）',
  CAP_REACHED: '该项目本周期申报次数已达上限',
  EVIDENCE_REQUIRED: '该项目需要上传照片作为证据',
  TOO_MANY_PHOTOS: '最多上传 3 张照片',
  PHOTO_NOT_IMAGE: '只能上传图片文件（JPG、PNG、WebP）',
  PHOTO_TOO_LARGE: '每张照片不能超过 2MB',
  PHOTO_NOT_OWN: '只能使用您本人上传的照片，请重新选择照片上传',
  TOO_LARGE: '提交的内容过大，请缩小后重试',
  INVALID_TRANSITION: '该申报当前状态不允许此操作',
  REASON_REQUIRED: '退回时请填写原因',
  GRID_FULL: '该网格户数已达上限',
  UNKNOWN_ACTION: '不支持的操作',
  GRID_NAME_TAKEN: '本村已有同名网格',
  NOT_IN_VILLAGE: '该人员不是本村村民',
  IMPORT_INVALID: '导入文件有错误，未写入任何数据，请按提示修改后重新导入',
  XLSX_UNSAFE: 'Excel 文件解压后过大或结构异常，未导入，请另存为 CSV 后重试',
  INSUFFICIENT_POINTS: '可兑换积分不足',
  OUT_OF_STOCK: '商品库存不足',
  GOODS_INACTIVE: '该商品已下架',
  CODE_INVALID: '兑换码无效，请让村民刷新兑换码后重试',
  CODE_EXPIRED: '兑换码已过期，请让村民刷新后重新出示',
  CODE_USED: '兑换码已使用，请让村民刷新后重新出示',
  NOT_ELIGIBLE: '该户今天不能兑换',
  FROZEN: '该申报已被监督小组冻结',
  UNDECIDED: '本月还有申报未形成评议结果，不能结账',
  MONTH_CLOSED: '该月评议已结账',
  MONTH_NOT_OVER: '该月尚未结束，不能结账',
  ADJUST_OUT_OF_RANGE: '调整后的分值超出该项目的分值范围',
  EVENT_STATE: '该事件当前状态不允许此操作',
  NOTE_REQUIRED: '请填写说明',
  HANDLER_NOT_ELIGIBLE: '只能派单给本村（镇）的网格员或干部',
  MONTHS_NOT_CLOSED: '本季度还有月份的评议未结账，不能发起公示',
  PUBLICITY_CLOSED: '该季度不在公示期内',
  PUBLICITY_WINDOW: '公示期还未结束',
  OBJECTIONS_OPEN: '还有异议未处理完，不能结束公示',
  ASSESSMENT_PUBLISHED: '本月评定已发布，不能再修改；如需调整请填写更正',
  MONTH_NOT_ENDED: '该月尚未结束，月底后才能发布评定',
  COMMITTEE_DECISION: '该记录是评议小组、监督小组或镇里的决定，只能按原程序更正',
  BIND_CODE_INVALID: '编码不正确，请核对后重新输入',
  CLAIM_USED: '该编码已被使用，请向发放人重新申请',
  CLAIM_EXPIRED: '该编码已过期，请向发放人重新申请',
  TOO_MANY_ATTEMPTS: '输错次数太多，请稍后再试',
  ALREADY_BOUND: '您的微信已绑定，无需重复绑定',
  MEMBER_BOUND: '该成员已绑定了其他微信，如手机丢失请联系村委解绑',
  PHONE_MISMATCH: '手机号后 4 位不正确',
  JOIN_PENDING: '您已提交加入申请，请等待户主或网格员处理',
  ROLE_CONFLICT: '该人员已担任与此冲突的职务',
  SEPARATION_OF_DUTIES: '巡办分离：报告、办理、核验和回访不能由同一人完成',
  OWN_WORK_REVIEW: '不能审核自己代为提交的申报（需由其他网格员初审）',
  CONFLICT: '操作冲突，请稍后重试',
  INTERNAL: '系统繁忙，请稍后重试',
  CONTENT_RISKY: '内容可能含有违规信息，未提交，请修改后重试',
  CONTENT_CHECK_UNAVAILABLE: '内容安全检查暂时不可用，未提交，请稍后重试',
  OWN_HOUSEHOLD_REPORT: '不能以“他人举报/推荐”申报本户的事，请用“申报”',
  MEMBER_NOT_IN_HOUSEHOLD: '所选的家庭成员不在这一户',
  UNIT_ITEM: '单位积分项目只能由单位申报，不能以家庭名义申报',
  HOUSEHOLD_ITEM: '单位只能申报单位积分类的项目',
  UNIT_NAME_TAKEN: '已有同名单位',
  UNITS_DO_NOT_REDEEM: '本村单位积分不能兑换',
  RETURN_WINDOW: '已超过退货期限，不能退货',
  RETURN_TOO_MANY: '退货数量超过了这张小票买的数量',
  EXPORT_TOO_LARGE: '要导出的内容太多，一次导不出来，请按网格或按月分别导出',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** A rule said no. Carries a stable code, a Chinese message and optional details for programs. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DomainError');
}
