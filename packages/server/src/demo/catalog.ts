import type { CreateServiceItemBody } from '@bianmin/contracts';
import type { Audit, Tx } from '../audit/write.ts';
import * as catalog from '../modules/catalog/repository.ts';

type DemoItem = Omit<CreateServiceItemBody, 'windowUnitId' | 'jointWindowIds'> & {
  unit: string;
  jointWindows?: string[];
};

const ID_CARD = '申请人居民身份证';
const HOUSEHOLD = '户口簿';

/** A township's everyday items (illustrative terms and papers, not any county's official list). */
export const QINGSHI_ITEMS: DemoItem[] = [
  {
    unit: 'mz',
    code: 'MZ-001',
    name: '最低生活保障申请',
    aliases: ['低保'],
    // Many applicants are old or ill: a booked time spares them the queue.
    appointment: true,
    defaultKind: 'promised',
    promisedDays: 15,
    legalDays: 30,
    materials: [
      '低保申请书',
      ID_CARD,
      HOUSEHOLD,
      '家庭收入及财产状况申报表',
      '家庭成员患病或残疾证明',
    ],
    announce: true,
  },
  {
    unit: 'mz',
    code: 'MZ-002',
    name: '临时救助申请',
    aliases: ['临时困难救助', '急难救助'],
    defaultKind: 'promised',
    promisedDays: 5,
    legalDays: 10,
    materials: ['临时救助申请书', ID_CARD, '困难情况证明材料'],
    // Relief granted is made public (公示), like the minimum living allowance.
    announce: true,
  },
  {
    unit: 'mz',
    code: 'MZ-003',
    name: '困难残疾人生活补贴申请',
    aliases: ['残疾人两项补贴', '残疾人补贴'],
    // Staff come to the homes of the disabled (老弱病残 上门服务).
    homeVisit: true,
    defaultKind: 'promised',
    promisedDays: 10,
    legalDays: 20,
    materials: ['补贴申请表', ID_CARD, '第二代残疾人证', '银行账户信息'],
    announce: true,
  },
  {
    unit: 'mz',
    code: 'MZ-004',
    name: '高龄津贴申领',
    aliases: ['高龄补贴', '老年人补贴'],
    homeVisit: true,
    defaultKind: 'immediate',
    materials: [ID_CARD, HOUSEHOLD, '本人银行账户信息'],
  },
  {
    unit: 'mz',
    code: 'MZ-005',
    name: '群众来信来访事项',
    aliases: ['信访', '上访'],
    defaultKind: 'petition',
    promisedDays: 60,
    legalDays: 60,
    materials: ['信访人身份证明', '反映问题的书面材料'],
  },
  {
    unit: 'sb',
    code: 'SB-001',
    name: '城乡居民基本养老保险参保登记',
    aliases: ['养老保险', '城乡居保', '农保'],
    // Village agents register the old and the bedridden at home (村代办员 上门代办).
    homeVisit: true,
    defaultKind: 'immediate',
    materials: [ID_CARD, HOUSEHOLD],
  },
  {
    unit: 'sb',
    code: 'SB-002',
    name: '失业登记',
    aliases: ['就业失业登记'],
    appointment: true,
    defaultKind: 'promised',
    promisedDays: 3,
    legalDays: 5,
    materials: [ID_CARD, '解除或终止劳动合同证明'],
  },
  {
    unit: 'nyb',
    code: 'NY-001',
    name: '农村土地经营权流转合同备案',
    aliases: ['土地流转'],
    defaultKind: 'promised',
    promisedDays: 5,
    legalDays: 10,
    materials: ['流转合同', '承包方身份证明', '土地承包经营权证'],
  },
  {
    unit: 'zrzy',
    code: 'ZR-001',
    name: '农村村民宅基地和建房（规划许可）申请',
    aliases: ['建房审批', '宅基地审批', '农房审批'],
    appointment: true,
    defaultKind: 'reported',
    promisedDays: 20,
    legalDays: 20,
    materials: [
      '宅基地和建房（规划许可）申请表',
      ID_CARD,
      HOUSEHOLD,
      '村民小组会议记录',
      '建房设计图',
    ],
    announce: true,
  },
  {
    unit: 'scjg',
    code: 'SC-001',
    name: '个体工商户设立登记',
    aliases: ['营业执照', '个体户执照'],
    appointment: true,
    defaultKind: 'promised',
    promisedDays: 3,
    legalDays: 15,
    materials: ['个体工商户登记（备案）申请书', '经营者身份证明', '经营场所使用证明'],
  },
  {
    unit: 'scjg',
    code: 'SC-002',
    name: '开办餐饮店（一件事联办）',
    aliases: ['食品经营许可', '餐饮许可'],
    appointment: true,
    defaultKind: 'promised',
    promisedDays: 10,
    legalDays: 20,
    materials: [
      '个体工商户登记申请书',
      '经营者身份证明',
      '经营场所使用证明',
      '食品经营许可申请书',
      '从业人员健康证明',
    ],
    jointWindows: ['06', '07'],
  },
  {
    unit: 'wj',
    code: 'WJ-001',
    name: '生育登记',
    aliases: ['准生证', '生育服务证'],
    defaultKind: 'immediate',
    materials: ['夫妻双方居民身份证', '结婚证'],
  },
  {
    unit: 'tyjr',
    code: 'TY-001',
    name: '退役军人优待证申领',
    aliases: ['优待证'],
    appointment: true,
    defaultKind: 'reported',
    promisedDays: 30,
    legalDays: 30,
    materials: [ID_CARD, '退役证件', '近期免冠照片'],
  },
  {
    unit: 'hj',
    code: 'HJ-001',
    name: '居民身份证申领',
    aliases: ['办身份证', '身份证换领', '身份证补领'],
    appointment: true,
    // The photo is taken at home for those who cannot come (上门办证).
    homeVisit: true,
    defaultKind: 'promised',
    promisedDays: 20,
    legalDays: 60,
    materials: [HOUSEHOLD, '近期免冠照片（现场采集）'],
    fees: [
      {
        name: '居民身份证工本费',
        amount: '20.00',
        basis:
          '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
      },
    ],
  },
];

export const BAISHA_ITEMS: DemoItem[] = [
  {
    unit: 'mz',
    code: 'MZ-001',
    name: '最低生活保障申请',
    aliases: ['低保'],
    defaultKind: 'promised',
    promisedDays: 15,
    legalDays: 30,
    materials: ['低保申请书', ID_CARD, HOUSEHOLD],
    announce: true,
  },
  {
    unit: 'sb',
    code: 'SB-001',
    name: '城乡居民基本养老保险参保登记',
    aliases: ['养老保险', '城乡居保', '农保'],
    defaultKind: 'immediate',
    materials: [ID_CARD, HOUSEHOLD],
  },
];

/** Stores a center's demo catalog, audited like any catalog entry. */
export async function seedCatalog(
  tx: Tx,
  audit: Audit,
  centerId: number,
  items: DemoItem[],
  unitIds: Map<string, number>,
  windowIds: Map<string, number>,
  at: Date,
) {
  for (const { unit, jointWindows = [], ...item } of items) {
    const created = await catalog.insertItem(
      tx,
      centerId,
      {
        ...item,
        windowUnitId: unitIds.get(unit)!,
        jointWindowIds: jointWindows.map((w) => windowIds.get(w)!),
      },
      at,
    );
    await audit({
      centerId,
      action: 'service_item.create',
      entityType: 'service_item',
      entityId: created.id,
      before: null,
      after: created,
    });
  }
}
