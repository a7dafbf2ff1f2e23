import type { PolicyFields } from '@bianmin/contracts';
import type { Audit, Tx } from '../audit/write.ts';

/** The source regulation (../shared/seed, 第1篇), as the demo center adopted it for 2023. */
const SOURCE = {
  code: 'JXKH',
  name: '便民服务中心工作员绩效考核制度',
  introduction:
    '本办法对在便民服务中心各窗口坐班承担镇级服务职能的工作人员实施考核，坚持公开、公平、公正和注重实绩的原则，实行日常考核和综合考评相结合。日常考核主要包括出勤和值班情况、制度执行情况、服务质量等；综合考评在年底由考核领导小组统一组织实施。\n镇便民服务中心成立考核小组，党委副书记、纪委书记任组长，党委委员、副镇长任副组长，党政办主任同志为成员，具体负责对工作人员绩效考核工作的组织实施和日常监督工作。',
  content: [
    '二、考核内容',
    '1.按规定着装、佩证上岗和摆放身份公示牌，对外办公用语规范。',
    '2.自觉保持窗口工作环境整洁，态度要热情、服务要周到，窗口办公用品、办公设备、办公资料等摆放整齐有序。',
    '3.严格上下班管理签到，工作认真负责，言行举止得体，不得用电脑打游戏、聊天、炒股、看电影等做与工作无关的事。',
    '4.因公、因私请假或上班时间中途外出，须向分管领导请示批准，办理请假手续，不得无故脱岗、离岗。',
    '5.实行首问责任制，不得出现推诿敷衍、与服务对象争吵等现象。',
    '6.实行限时办结制，在规定的时限和职权范围内按期办结各种办件。',
    '7.要严格遵守国家工作人员廉洁自律相关规定。严禁利用职务之便收受红包、礼品，严禁吃拿卡要。',
    '8.上级业务部门和监督部门提出的其它工作要求。',
    '三、奖惩办法',
    '（一）奖励：对便民中心各窗口人员实施绩效考核，考核标准为300元/人/月，每半年考核一次。',
    '（二）惩处：',
    '1.对在镇上组织的巡查和协查中，被发现有违反考核内容的，或者被群众举报的，扣除相关人员当月考核金额；',
    '2.对在县上组织的巡查中，发现有违反相关规定被通报的，扣除相关人员3个月考核金额；',
    '3.对在市组织的巡查中，发现有违反相关规定被通报的，扣除相关人员9个月考核金额；',
    '4.对在省上组织的巡查中，发现有违反相关规定被通报的，扣除相关人员12个月考核金额，并在年度考核中不能确定为称职合格及以上等次，严重的依照相关法规严惩。',
  ].join('\n'),
  supplementary: '四、执行时间\n本《考核办法》从2023年1月1日起实施。',
  policy: {
    monthlyAmount: '300.00',
    countyMonths: 3,
    cityMonths: 9,
    provinceMonths: 12,
    provinceCapsRating: true,
    appealTermWorkingDays: 10,
    reportDecisionWorkingDays: 15,
    appealDecisionWorkingDays: 15,
    ratingContactWorkingDays: 1,
    ratingFixWorkingDays: 15,
  } satisfies PolicyFields,
};

/** When the center drafted the source regulation, before consulting the staff on it. */
const DRAFTED_AT = '2022-12-10T02:00:00Z';

/** Stores the source regulation as published and in force from 2023-01-01. */
export async function seedRegulation(tx: Tx, audit: Audit, centerId: number, signedBy: string) {
  const { id: regulationId } = await tx
    .insertInto('regulations')
    .values({ center_id: centerId, code: SOURCE.code, name: SOURCE.name, created_at: DRAFTED_AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await tx
    .insertInto('regulation_versions')
    .values({
      created_at: DRAFTED_AT,
      center_id: centerId,
      regulation_id: regulationId,
      seq: 1,
      name: SOURCE.name,
      introduction: SOURCE.introduction,
      body: SOURCE.content,
      supplementary: SOURCE.supplementary,
      status: 'published',
      consultation_until: '2022-12-20',
      effective_from: '2023-01-01',
      policy: JSON.stringify(SOURCE.policy),
      signed_by_name: signedBy,
      signed_at: '2022-12-26T02:00:00Z',
      published_at: '2022-12-28T02:00:00Z',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    centerId,
    action: 'regulation.publish',
    entityType: 'regulation_version',
    entityId: version.id,
    before: null,
    after: version,
  });
}
