/**
 * 隐私政策 shown on pages/privacy (linked from 我的申报 and opened by WeChat's privacy prompt),
 * and what the deployer declares in the mini-program console's 用户隐私保护指引 (README,
 * "Before submitting for review"). Plain words: villagers read it.
 */
export const PRIVACY_TITLE = '乡约积分隐私说明';

export interface PrivacySection {
  title: string;
  body: string[];
}

export const PRIVACY_SECTIONS: PrivacySection[] = [
  {
    title: '我们是谁',
    body: ['乡约积分由您所在的村（村两委）和镇使用，用来记录积分申报、评议、公示、积分超市兑换和网格事务。数据存放在本镇开通的微信云开发环境中，不用于其他用途。'],
  },
  {
    title: '我们收集哪些信息',
    body: [
      '身份：您的微信身份标识（OpenID），只用来确认是您本人在操作；',
      '住户名册：姓名、与户主关系、手机号、门牌号、所在网格，由村里登记或由您绑定时核对手机号后 4 位；',
      '住户关注标签（如困难家庭、空巢老人、残疾人），只有本网格的网格员、网格长和村两委能看到，村两委查看会留下记录；',
      '您选择上传的照片（申报证据、随手拍、异议、商品照片）和您从聊天中选择的名册文件；',
      '您填写的文字：申报说明、事件描述、异议理由、办理意见等。',
    ],
  },
  {
    title: '谁能看到',
    body: [
      '积分公示和红黑榜只显示打码的姓名和门牌号；',
      '照片和文字先经过微信内容安全检查，通过后他人才能看到；未通过的只有您自己能看到提示；',
      '手机号和关注标签只给需要办事的网格员、网格长和村两委看。',
    ],
  },
  {
    title: '使用的手机功能',
    body: ['相册和相机：只在您点“添加照片”时使用；聊天文件：只在村两委导入名册时使用；剪贴板：只在您点“复制链接”时写入；扫码：只在超市店员扫兑换码时使用。'],
  },
  {
    title: '保存多久、怎么删除',
    body: ['积分和台账按村规保存，用于公示和审计；解除微信绑定后，这个微信不能再查看本户信息。要更正或删除您的信息，请联系网格员或村两委。'],
  },
];

/**
 * What to declare in 用户隐私保护指引 (微信公众平台 → 设置 → 服务内容声明): one line per
 * kind of information the mini-program's APIs touch, with the purpose to write there.
 */
export const PRIVACY_DECLARATIONS: { item: string; apis: string[]; purpose: string }[] = [
  { item: '选中的照片或视频信息', apis: ['wx.chooseMedia'], purpose: '上传积分申报、随手拍、异议和商品的照片' },
  { item: '摄像头', apis: ['wx.chooseMedia（拍照）', 'wx.scanCode'], purpose: '拍摄证据照片；超市店员扫描兑换码' },
  { item: '选中的文件', apis: ['wx.chooseMessageFile'], purpose: '村两委导入住户名册（CSV/Excel）' },
  { item: '剪切板', apis: ['wx.setClipboardData'], purpose: '复制积分公示的链接以便转发' },
  { item: '手机号（开发者自行收集）', apis: [], purpose: '住户名册登记；绑定时核对手机号后 4 位' },
  { item: '姓名、家庭成员关系、住户标签（开发者自行收集）', apis: [], purpose: '住户名册、积分公示（打码）、网格服务' },
];
