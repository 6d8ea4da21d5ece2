// Stable error codes → HTTP status and zh/en messages; rendered as RFC 9457 problem+json.
import type { Bilingual, Locale } from '../lib/i18n.ts';
import { format, pick } from '../lib/i18n.ts';

interface ErrorDef extends Bilingual {
  status: number;
}

export const ERRORS = {
  'request.validation': { status: 400, zh: '请求内容有误，请检查标注的字段。', en: 'The request is invalid; check the fields listed.' },
  'request.malformed_json': { status: 400, zh: '请求体不是合法的 JSON。', en: 'The request body is not valid JSON.' },
  'request.body_too_large': { status: 413, zh: '请求体超过 {limit} 字节的上限。', en: 'The request body exceeds the limit of {limit} bytes.' },
  'request.unsupported_media_type': { status: 415, zh: '不支持的内容类型：{contentType}。', en: 'Unsupported content type: {contentType}.' },
  'request.bad_url': { status: 400, zh: '请求地址的编码不正确。', en: 'The request URL is not validly encoded.' },
  'request.url_too_long': { status: 414, zh: '请求地址中的参数过长。', en: 'A parameter in the request URL is too long.' },
  'request.invalid_text': {
    status: 400,
    zh: '请求中 {path} 含有无法保存的字符（空字符或不成对的代理字符）。',
    en: 'The request holds characters that cannot be stored (NUL or an unpaired surrogate) at {path}.',
  },
  'route.not_found': { status: 404, zh: '请求的地址不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  'auth.required': { status: 401, zh: '请先登录。', en: 'Please log in first.' },
  'auth.forbidden': { status: 403, zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  'auth.csrf': { status: 403, zh: '请求缺少有效的防伪令牌，请刷新页面后重试。', en: 'Missing or invalid CSRF token; reload the page and try again.' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误。', en: 'Incorrect username or password.' },
  'auth.locked': {
    status: 429,
    zh: '登录失败次数过多，请在 {retryAfterSeconds} 秒后重试。',
    en: 'Too many failed logins; try again in {retryAfterSeconds} seconds.',
  },
  'auth.password_policy': { status: 400, zh: '新密码不符合要求：{reasons}', en: 'The new password does not meet the policy: {reasons}' },
  'auth.password_change_required': { status: 403, zh: '请先修改初始密码。', en: 'Please change your initial password first.' },
  'user.not_found': { status: 404, zh: '用户不存在。', en: 'User not found.' },
  'user.username_taken': { status: 409, zh: '用户名 {username} 已被使用。', en: 'The username {username} is already taken.' },
  'user.scope_mismatch': {
    status: 400,
    zh: '角色与范围不匹配：区级专员须指定所属区，单位用户须指定所属单位，其他角色不得指定。',
    en: 'Role and scope do not match: a district officer needs a district, an organisation user needs an organisation, other roles take neither.',
  },
  'user.cannot_disable_self': { status: 400, zh: '不能停用或降级当前登录的管理员账号。', en: 'You cannot disable or demote the administrator account you are logged in with.' },
  'org.not_found': { status: 404, zh: '未找到该单位：{uscc}', en: 'No such organisation: {uscc}' },
  'org.uscc_taken': { status: 409, zh: '统一社会信用代码 {uscc} 已登记为“{name}”。', en: 'The USCC {uscc} is already registered as “{name}”.' },
  'org.out_of_scope': { status: 403, zh: '只能登记或修改本辖区（{district}）的单位。', en: 'You can only register or edit organisations in your district ({district}).' },
  'org.field_locked': { status: 403, zh: '单位用户不能修改以下字段：{fields}', en: 'Organisation users cannot change: {fields}' },
  'qualification.not_found': { status: 404, zh: '未找到该资质记录。', en: 'No such qualification record.' },
  'job.not_found': { status: 404, zh: '未找到该任务。', en: 'No such job.' },
  'job.not_finished': { status: 409, zh: '任务尚未完成，请稍后再下载错误报告。', en: 'The job has not finished yet; download the error report when it has.' },
  // R&D insurance (厦研保)
  'insurance.code_taken': { status: 409, zh: '险种编号 {code} 已被使用。', en: 'The product code {code} is already in use.' },
  'insurance.product_not_found': { status: 404, zh: '未找到该险种，或该险种已停办。', en: 'No such insurance product, or it is no longer offered.' },
  'insurance.enrolment_not_found': { status: 404, zh: '未找到该保单。', en: 'No such insurance policy.' },
  'insurance.claim_not_found': { status: 404, zh: '未找到该理赔记录。', en: 'No such claim.' },
  'insurance.policy_taken': { status: 409, zh: '保单号 {policyNo} 已登记。', en: 'The policy number {policyNo} is already recorded.' },
  'insurance.period_invalid': { status: 400, zh: '保险止期（{endsOn}）须晚于起期（{startsOn}）。', en: 'The policy must end ({endsOn}) after it starts ({startsOn}).' },
  'insurance.premium_over_sum': { status: 400, zh: '保费 {premium} 不能高于保额 {sum}（单位：分）。', en: 'The premium of {premium} cannot exceed the sum insured of {sum} (fen).' },
  'insurance.over_max_sum': { status: 400, zh: '保额 {sum} 超过该险种的最高保额 {max}（单位：分）。', en: 'The sum insured of {sum} exceeds the product\'s maximum of {max} (fen).' },
  'insurance.not_enterprise': { status: 400, zh: '科技保险只面向企业；{uscc} 不是企业。', en: 'R&D insurance is for enterprises; {uscc} is not one.' },
  'insurance.enrolment_cancelled': { status: 409, zh: '该保单已退保。', en: 'This policy has been cancelled.' },
  'insurance.has_claims': { status: 409, zh: '该保单已有理赔记录，不能退保。', en: 'This policy has claims on it and cannot be cancelled.' },
  'insurance.loss_outside_period': { status: 400, zh: '出险日期 {lossOn} 不在保险期间（{startsOn} 至 {endsOn}）内。', en: 'The loss date {lossOn} is outside the policy period ({startsOn} to {endsOn}).' },
  'insurance.over_sum_insured': { status: 409, zh: '索赔金额 {claimed} 超过该保单剩余保额 {remaining}（单位：分）。', en: 'The claim of {claimed} exceeds what is left of the sum insured, {remaining} (fen).' },
  'insurance.claim_decided': { status: 409, zh: '该理赔已处理（{status}），不能再次处理。', en: 'This claim has already been decided ({status}).' },
  'insurance.payout_invalid': { status: 400, zh: '赔付金额 {payout} 须大于零且不超过索赔金额 {claimed}（单位：分）。', en: 'The payout of {payout} must be above zero and at most the claim of {claimed} (fen).' },
  // funds (资金台账)
  'fund.not_found': { status: 404, zh: '未找到该资金。', en: 'No such fund.' },
  'fund.code_taken': { status: 409, zh: '资金编号 {code} 已被使用。', en: 'The fund code {code} is already in use.' },
  'fund.amount_not_positive': { status: 400, zh: '金额必须是大于零的整数（单位：分）。', en: 'The amount must be a whole number of fen greater than zero.' },
  'fund.over_appropriation': {
    status: 409,
    zh: '分配金额 {amount} 超出该资金未分配余额 {available}（单位：分）。',
    en: 'The allocation of {amount} exceeds the fund\'s unallocated balance of {available} (fen).',
  },
  'fund.over_allocation': {
    status: 409,
    zh: '拨付金额 {amount} 超出该笔分配的可拨付余额 {remaining}（已扣除待复核的拨付申请，单位：分）。',
    en: 'The payment of {amount} exceeds what is left of the allocation, {remaining} (after payments awaiting approval; fen).',
  },
  'fund.recipient_closed': { status: 409, zh: '项目“{name}”已结项或关闭，不能再分配或拨付资金。', en: 'The project “{name}” is closed; no further allocations or payments.' },
  'fund.reference_taken': { status: 409, zh: '支付凭证号 {reference} 已被使用，不能重复拨付。', en: 'The payment reference {reference} has already been used; a payment cannot be made twice.' },
  'fund.self_approval': { status: 403, zh: '不能复核自己提交的拨付申请，须由另一位管理员复核。', en: 'You cannot approve a payment you requested; another administrator must approve it.' },
  'fund.entry_posted': { status: 409, zh: '已记账的分录不能修改；如需更正，请做冲销分录。', en: 'A posted entry cannot be edited; post a reversal to correct it.' },
  'fund.entry_not_found': { status: 404, zh: '未找到该分录。', en: 'No such ledger entry.' },
  'fund.entry_reversed': { status: 409, zh: '该分录已被冲销。', en: 'This entry has already been reversed.' },
  'fund.entry_not_reversible': { status: 409, zh: '冲销分录不能再被冲销；请重新记账。', en: 'A reversal cannot itself be reversed; post a new entry instead.' },
  'fund.reversal_blocked': {
    status: 409,
    zh: '冲销后“{account}”余额将为负数（{balance} 分）：请先冲销其后的分配或拨付。',
    en: 'Reversing would leave “{account}” negative ({balance} fen): reverse the later allocations or payments first.',
  },
  'fund.use_not_eligible': { status: 400, zh: '该资金不能用于“{use}”，可用于：{eligible}。', en: 'This fund may not be used for “{use}”; eligible uses: {eligible}.' },
  'fund.recipient_kind_not_eligible': { status: 400, zh: '该资金不能分配给此类对象（{kind}）。', en: 'This fund cannot be allocated to this kind of recipient ({kind}).' },
  'fund.cap_exceeded': {
    status: 409,
    zh: '超出管理办法的上限：{cap}为 {limit} 分，已分配 {current} 分，本次 {amount} 分。',
    en: 'Above the management rules\' cap: {cap} is {limit} fen, {current} fen already allocated, {amount} fen requested.',
  },
  'fund.support_above_share': {
    status: 409,
    zh: '财政扶持不得超过项目投资的 {percent}%：投资 {investment} 分，上限 {limit} 分，已扶持 {current} 分，本次 {amount} 分。',
    en: 'Fiscal support may not exceed {percent}% of the project\'s investment: investment {investment} fen, cap {limit} fen, {current} fen already granted, {amount} fen requested.',
  },
  'fund.return_exceeds_paid': { status: 409, zh: '退回金额 {amount} 超过该笔分配已拨付的 {paid} 分。', en: 'The return of {amount} exceeds the {paid} fen paid on this allocation.' },
  'fund.release_exceeds_remaining': { status: 409, zh: '收回金额 {amount} 超过该笔分配未拨付的 {remaining} 分。', en: 'Releasing {amount} exceeds the {remaining} fen of the allocation not yet paid or awaiting payment.' },
  'fund.allocation_not_found': { status: 404, zh: '未找到该笔分配。', en: 'No such allocation.' },
  'fund.recipient_not_found': { status: 404, zh: '未找到该资金使用对象（项目）。', en: 'No such recipient (project).' },
  'fund.recipient_ref_taken': { status: 409, zh: '项目编号 {ref} 已存在。', en: 'The project reference {ref} already exists.' },
  'fund.disbursement_not_found': { status: 404, zh: '未找到该拨付申请。', en: 'No such payment request.' },
  'fund.disbursement_not_pending': { status: 409, zh: '该拨付申请已处理（{status}），不能再修改或复核。', en: 'This payment request has already been decided ({status}); it cannot be edited or decided again.' },
  'fund.agreement_not_found': { status: 404, zh: '未找到该山海协作协议。', en: 'No such mountain–sea cooperation agreement.' },
  'fund.agreement_code_taken': { status: 409, zh: '协议编号 {code} 已被使用。', en: 'The agreement code {code} is already in use.' },
  'fund.agreement_period_invalid': { status: 400, zh: '协议期限无效：起始日期 {from} 晚于截止日期 {to}。', en: 'Invalid agreement period: it starts on {from}, after it ends on {to}.' },
  'fund.agreement_not_active': { status: 409, zh: '协议 {code} 状态为“{status}”，不能再新增项目或分配资金。', en: 'The agreement {code} is {status}; no new projects or allocations.' },
  'fund.agreement_county_mismatch': { status: 400, zh: '项目所在县（{county}）与协议的对口县（{agreementCounty}）不一致。', en: 'The project\'s county ({county}) is not the agreement\'s partner county ({agreementCounty}).' },
  'fund.county_required': { status: 400, zh: '协议未指定对口县，请为项目选择所在县（市、区）。', en: 'The agreement names no partner county: choose the project\'s county.' },
  'fund.over_commitment': {
    status: 409,
    zh: '超出协议 {code} 的{side}资金承诺：承诺 {limit} 分，已分配 {current} 分，本次 {amount} 分。',
    en: 'Above the {side} commitment of agreement {code}: {limit} fen committed, {current} fen already allocated, {amount} fen requested.',
  },
  'fund.batch_not_approved': { status: 409, zh: '该免申即享批次状态为 {status}：只有已审批且仍有效的批次才能拨付。', en: 'The auto-grant batch is {status}: only an approved, current batch can be paid.' },
  'fund.not_maker': { status: 403, zh: '只有申请人可以修改或撤回待复核的拨付申请。', en: 'Only the maker can edit or withdraw a payment request awaiting approval.' },
  // chains (industry system and chain maps)
  'industry.not_found': { status: 404, zh: '未找到该产业：{id}', en: 'No such industry: {id}' },
  'industry.stale': { status: 409, zh: '该产业已被他人修改（当前版本 {version}），请刷新后重试。', en: 'Someone else has changed this industry (now version {version}); reload and try again.' },
  'chain.not_found': { status: 404, zh: '未找到该产业链：{chainId}', en: 'No such industry chain: {chainId}' },
  'chain.id_taken': { status: 409, zh: '产业链标识 {chainId} 已被使用。', en: 'The chain id {chainId} is already taken.' },
  'chain.link_not_found': { status: 404, zh: '该产业链中没有此环节。', en: 'This chain has no such link.' },
  'chain.link_deleted': { status: 409, zh: '环节“{name}”已删除，不能再使用。', en: 'The link “{name}” has been deleted and cannot be used.' },
  'chain.link_cycle': { status: 400, zh: '环节不能成为自己的上级（或上级的上级）。', en: 'A link cannot be its own ancestor.' },
  'chain.stage_mismatch': { status: 400, zh: '子环节须与上级环节“{parent}”处于同一阶段（上游/中游/下游）。', en: 'A sub-link must be at the same stage (upstream / midstream / downstream) as its parent “{parent}”.' },
  'chain.merge_self': { status: 400, zh: '不能把环节合并到它自己。', en: 'A link cannot be merged into itself.' },
  'chain.edge_self': { status: 400, zh: '供应关系的两端不能是同一个环节。', en: 'A supply edge needs two different links.' },
  'chain.edge_cross_chain': { status: 400, zh: '环节“{name}”属于另一条产业链（{chainId}），供应关系只能连接同一产业链内的环节。', en: 'The link “{name}” belongs to another chain ({chainId}); supply edges connect links of one chain only.' },
  'chain.edge_exists': { status: 409, zh: '“{from}”到“{to}”的供应关系已存在。', en: 'The supply edge from “{from}” to “{to}” already exists.' },
  'chain.edge_not_found': { status: 404, zh: '未找到该供应关系。', en: 'No such supply edge.' },
  'chain.attachment_not_found': { status: 404, zh: '未找到该环节企业记录。', en: 'No such organisation-at-link record.' },
  'chain.target_not_found': { status: 404, zh: '未找到该招商目标。', en: 'No such investment target.' },
  'chain.owner_invalid': { status: 400, zh: '负责人须为科技局或区级工作人员账号。', en: 'The owner must be a bureau or district staff account.' },
  'chain.version_date_taken': { status: 409, zh: '该产业链已有 {asOf} 的版本，每个日期只能有一个版本。', en: 'This chain already has a version dated {asOf}; one version per date.' },
  'chain.version_not_found': { status: 404, zh: '未找到该图谱版本。', en: 'No such chain-map version.' },
  'rules.params_in_past': { status: 400, zh: '参数版本的生效日期 {effectiveFrom} 早于今天（{today}）：已生效的参数不能追溯修改。', en: 'The version would take effect on {effectiveFrom}, before today ({today}): parameters already in force are never changed retroactively.' },
  'rules.params_not_found': { status: 404, zh: '没有 {effectiveFrom} 起生效的参数版本。', en: 'There is no version taking effect on {effectiveFrom}.' },
  'rules.params_in_force': { status: 409, zh: '{effectiveFrom} 起生效的参数版本已生效（今天是 {today}），不能撤回；请新增一个以后生效的版本。', en: 'The version of {effectiveFrom} is already in force (today is {today}) and cannot be withdrawn; add a later version instead.' },
  'rules.params_used': { status: 409, zh: '已有 {count} 条评价结果按 {effectiveFrom} 起生效的参数版本计算（评价日期 {asOf} 起），不能撤回。', en: '{count} stored results were computed with the version of {effectiveFrom} (evaluation dates from {asOf}); it cannot be withdrawn.' },
  'rules.params_exists': { status: 409, zh: '{effectiveFrom} 起生效的参数版本已存在；版本不可修改，请选择其他生效日期。', en: 'A version taking effect on {effectiveFrom} already exists; versions are never edited, so choose another date.' },
  'indicator.not_found': { status: 404, zh: '未找到指标：{id}', en: 'No such indicator: {id}' },
  'indicator.id_taken': { status: 409, zh: '指标编码 {id} 已被使用。', en: 'The indicator id {id} is already taken.' },
  'indicator.computed': { status: 409, zh: '指标 {id} 由平台根据业务数据实时计算，不能手工录入或修改。', en: 'Indicator {id} is computed by the platform from its data; it cannot be entered or edited by hand.' },
  'indicator.has_values': { status: 409, zh: '指标 {id} 已有 {count} 个数值，不能再修改其单位或频度。', en: 'Indicator {id} already has {count} values; its unit and frequency can no longer change.' },
  'indicator.unit_mismatch': { status: 400, zh: '单位不符：指标 {id} 的单位是“{expected}”，提交的是“{unit}”。请换算后再录入。', en: 'Unit mismatch: indicator {id} is measured in “{expected}”, the value came in “{unit}”. Convert it first.' },
  'indicator.period_invalid': { status: 400, zh: '期间“{period}”不符合指标 {id} 的频度（{frequency}），应写作如“{example}”。', en: 'The period “{period}” does not fit the frequency of indicator {id} ({frequency}); write it like “{example}”.' },
  'indicator.value_exists': { status: 409, zh: '指标 {id} 在期间 {period} 已有数值；如需更正，请使用“更正”并说明原因。', en: 'Indicator {id} already has a value for {period}; to change it, use a correction with a reason.' },
  'indicator.value_not_found': { status: 404, zh: '指标 {id} 在期间 {period} 没有数值。', en: 'Indicator {id} has no value for {period}.' },
  'indicator.period_not_kept': { status: 400, zh: '指标 {id} 只能计算当前（{today}）的数值；{period} 的数值请查看每日快照。', en: 'Indicator {id} can be computed only for today ({today}); for {period}, see its daily snapshots.' },
  'indicator.no_dimension': { status: 400, zh: '指标 {id} 没有按“{dimension}”分组的口径。', en: 'Indicator {id} has no breakdown by {dimension}.' },
  'indicator.not_drillable': { status: 400, zh: '指标 {id} 是报告值，没有可下钻的平台明细；请查看其来源文件。', en: 'Indicator {id} is a reported figure with no platform rows behind it; see its source document.' },
  'policy.not_found': { status: 404, zh: '未找到该政策：{id}', en: 'No such policy: {id}' },
  'policy.slug_taken': { status: 409, zh: '政策标识 {slug} 已被使用。', en: 'The policy key {slug} is already taken.' },
  'policy.doc_no_taken': { status: 409, zh: '文号 {docNo} 已登记。', en: 'The document number {docNo} is already registered.' },
  'policy.version_order': { status: 400, zh: '新版本的生效日期 {effectiveFrom} 须晚于当前最新版本的生效日期 {latest}：修改只能以新版本向后生效，不能改写过去。', en: 'The new version\'s effective date {effectiveFrom} must be after the latest version\'s {latest}: a change takes effect as a new version and never rewrites the past.' },
  'policy.dates_out_of_order': { status: 400, zh: '失效日期 {expiresOn} 早于生效日期 {effectiveFrom}。', en: 'The expiry date {expiresOn} is before the effective date {effectiveFrom}.' },
  'benefit.not_found': { status: 404, zh: '未找到该政策事项：{code}', en: 'No such benefit: {code}' },
  'benefit.code_taken': { status: 409, zh: '事项代码 {code} 已被使用。', en: 'The benefit code {code} is already taken.' },
  'benefit.invalid': { status: 400, zh: '政策事项有 {count} 处问题，未保存：{first}', en: 'The benefit has {count} problem(s) and was not saved: {first}' },
  'benefit.clause_not_found': { status: 400, zh: '政策“{title}”没有第 {clauseNo} 条。', en: 'The policy “{title}” has no clause {clauseNo}.' },
  'benefit.national_readonly': { status: 409, zh: '国家税收优惠由平台按法规计算，不能在此修改。', en: 'National tax benefits are computed from the law by the platform and cannot be edited here.' },
  'benefit.version_published': { status: 409, zh: '第 {versionNo} 版已发布，不能修改；请新建版本。', en: 'Version {versionNo} is published and cannot be changed; create a new version.' },
  'benefit.draft_pending': { status: 409, zh: '第 {versionNo} 版草稿尚未发布：请先修改或发布它。', en: 'Draft version {versionNo} is not yet published: edit or publish it first.' },
  'benefit.version_order': { status: 400, zh: '新版本的生效日期 {effectiveFrom} 须晚于第 {versionNo} 版的生效日期 {latest}。', en: 'The new version\'s effective date {effectiveFrom} must be after version {versionNo}\'s {latest}.' },
  'benefit.versions_overlap': { status: 400, zh: '与第 {versionNo} 版（{from} 至 {to}）的有效期重叠。', en: 'Overlaps version {versionNo} ({from} to {to}).' },
  'benefit.tests_required': { status: 400, zh: '发布前须至少有 3 个全部通过的测试用例（现有 {count} 个，通过 {passed} 个）。', en: 'Publishing needs at least 3 test cases, all passing ({count} given, {passed} passing).' },
  'benefit.policy_unpublished': { status: 409, zh: '所属政策“{title}”尚未发布，不能发布其事项。', en: 'Its policy “{title}” is not published, so the benefit cannot be published.' },
  'benefit.not_in_force': { status: 409, zh: '{asOf} 时该事项没有已发布且生效的版本。', en: 'The benefit has no published version in force on {asOf}.' },
  'grant.not_found': { status: 404, zh: '未找到该批次。', en: 'No such batch.' },
  'grant.self_approval': { status: 403, zh: '不能审批自己生成的批次：须由另一名工作人员复核（双人复核）。', en: 'You cannot approve a batch you ran: another staff member must check it (maker-checker).' },
  'grant.not_pending': { status: 409, zh: '该批次状态为 {status}，不能审批。', en: 'The batch is {status} and cannot be approved.' },
  'notice.not_found': { status: 404, zh: '未找到该消息。', en: 'No such notice.' },
  // digital transformation (数字化转型)
  'digital.version_not_found': { status: 404, zh: '没有该问卷版本：{version}', en: 'No such questionnaire version: {version}' },
  'digital.version_retired': { status: 409, zh: '问卷版本 {version} 已停用，草稿中的答案均已保留：请将草稿迁移到 {successor} 后继续（迁移时无法对应的答案另行保存，不会丢失）。', en: 'Questionnaire version {version} has been retired; the draft\'s answers are kept: migrate the draft to {successor} to continue (answers that do not carry over are kept aside, nothing is lost).' },
  'digital.migrate_invalid': { status: 400, zh: '不能迁移到版本 {to}：须为另一个在用的问卷版本。', en: 'Cannot migrate to version {to}: it must be another questionnaire version in use.' },
  'digital.diagnosis_not_found': { status: 404, zh: '未找到该数字化诊断。', en: 'No such digital diagnosis.' },
  'digital.diagnosis_submitted': { status: 409, zh: '该诊断已于 {submittedAt} 提交，不能再修改；如需更新，请新建一次诊断。', en: 'This diagnosis was submitted on {submittedAt} and can no longer be changed; start a new diagnosis instead.' },
  'digital.answer_out_of_range': { status: 400, zh: '指标“{item}”的答案超出范围：应为{accepts}。', en: 'The answer to “{item}” is out of range: expected {accepts}.' },
  'digital.item_unknown': { status: 400, zh: '问卷 {version} 中没有指标或场景“{item}”。', en: 'Questionnaire {version} has no item or scenario “{item}”.' },
  'digital.answers_incomplete': { status: 400, zh: '还有 {count} 项未作答，不能提交：{items}', en: '{count} item(s) are unanswered, so the diagnosis cannot be submitted: {items}' },
  'digital.mode_invalid': { status: 400, zh: '单位用户只能自评；科技局或区级工作人员录入的是第三方评估，须填写评估机构和评估人。', en: 'Organisation users can only self-assess; bureau or district staff record an assessor-led diagnosis, with the assessor organisation and person.' },
  'digital.not_editor': { status: 403, zh: '自评草稿由企业填写，评估草稿由录入的工作人员填写。', en: 'A self-assessment draft is filled in by the enterprise, an assessor-led draft by staff.' },
  'digital.provider_not_found': { status: 404, zh: '未找到该服务商。', en: 'No such provider.' },
  'digital.provider_taken': { status: 409, zh: '服务商“{name}”已登记。', en: 'The provider “{name}” is already registered.' },
  'digital.solution_not_found': { status: 404, zh: '未找到该解决方案。', en: 'No such solution.' },
  'digital.solution_taken': { status: 409, zh: '该服务商已有名为“{name}”的解决方案。', en: 'This provider already has a solution named “{name}”.' },
  'digital.price_range': { status: 400, zh: '价格下限 {min} 高于上限 {max}（单位：分）。', en: 'The lower price {min} is above the upper price {max} (fen).' },
  'digital.tag_unknown': { status: 400, zh: '未知的{kind}：{value}。', en: 'Unknown {kind}: {value}.' },
  'digital.compare_count': { status: 400, zh: '对比须选择 2–4 个解决方案。', en: 'Compare 2 to 4 solutions.' },
  'digital.enrolment_exists': { status: 409, zh: '该企业已纳入试点（批次 {cohort}）。', en: 'This enterprise is already enrolled in the pilot (cohort {cohort}).' },
  'digital.enrolment_not_found': { status: 404, zh: '未找到该试点记录。', en: 'No such pilot enrolment.' },
  'digital.duplicate': { status: 409, zh: '该记录已存在。', en: 'This record already exists.' },
  // market (技术转移市场)
  'market.trl_out_of_range': { status: 400, zh: '技术成熟度（TRL）须为 1 至 9 的整数，收到的是 {value}。', en: 'The technology readiness level (TRL) must be a whole number from 1 to 9; got {value}.' },
  'market.price_range': { status: 400, zh: '报价下限 {min} 高于上限 {max}（单位：分）。', en: 'The lower price {min} is above the upper price {max} (fen).' },
  'market.org_required': { status: 400, zh: '请指定发布单位（统一社会信用代码）。', en: 'Name the publishing organisation (its USCC).' },
  'market.achievement_not_found': { status: 404, zh: '未找到该科技成果。', en: 'No such achievement.' },
  'market.demand_not_found': { status: 404, zh: '未找到该技术需求。', en: 'No such demand.' },
  'market.search_not_found': { status: 404, zh: '未找到该订阅检索。', en: 'No such saved search.' },
  'market.listing_closed': { status: 409, zh: '该信息已撤下，不能再修改；如需重新发布，请新建一条。', en: 'This listing has been withdrawn and can no longer be edited; publish a new one instead.' },
  'market.party_not_registered': { status: 400, zh: '合同当事方 {uscc} 未在单位库中登记，请先登记该单位。', en: 'The contract party {uscc} is not in the organisation registry; register it first.' },
  'market.same_party': { status: 400, zh: '技术合同的卖方与买方不能是同一单位。', en: 'The seller and the buyer of a technology contract must be different organisations.' },
  'market.contract_no_taken': { status: 409, zh: '合同登记号 {contractNo} 已登记。', en: 'The contract number {contractNo} is already registered.' },
  'market.enclave_not_found': { status: 404, zh: '未找到该创新飞地。', en: 'No such innovation enclave.' },
  'market.enclave_name_taken': { status: 409, zh: '创新飞地“{name}”已登记。', en: 'The innovation enclave “{name}” is already registered.' },
  'market.enclave_project_not_found': { status: 404, zh: '未找到该飞地项目。', en: 'No such enclave project.' },
  'market.contest_entry_not_found': { status: 400, zh: '未找到该大赛参赛项目（科技计划项目中的申报书）。', en: 'No such contest entry (an application in the programmes module).' },
  'market.not_a_contest_entry': { status: 400, zh: '“{title}”不是已提交的创新创业大赛参赛项目，不能关联。', en: '“{title}” is not a submitted entry to an innovation contest, so it cannot be linked.' },
  'market.landed_needs_org': { status: 400, zh: '项目标记为“已落地”时，须填写落地单位和落地日期。', en: 'A landed project needs the organisation it landed as and the date.' },
  // carriers (创新载体)
  'carrier.not_found': { status: 404, zh: '未找到该创新载体。', en: 'No such innovation carrier.' },
  'carrier.duplicate': { status: 409, zh: '依托单位“{host}”已登记同类载体（{kind}）：“{name}”，不能重复登记。', en: 'The host “{host}” already has a carrier of this kind ({kind}): “{name}”; it cannot be registered twice.' },
  'carrier.org_not_registered': { status: 400, zh: '单位 {uscc} 未在单位库中登记，请先登记该单位。', en: 'The organisation {uscc} is not in the registry; register it first.' },
  'carrier.consortium_without_lead': { status: 400, zh: '创新联合体须指定牵头单位。', en: 'An innovation consortium needs a lead organisation.' },
  'carrier.report_before_established': { status: 400, zh: '“{name}”成立于 {establishedOn}，{year} 年度尚未成立，不能提交该年度报告。', en: '“{name}” was established on {establishedOn}; it did not exist in {year}, so no report for that year.' },
  'carrier.report_future_year': { status: 400, zh: '{year} 年度尚未结束，不能提交年度报告（当前为 {today}）。', en: 'The year {year} has not ended yet (today is {today}); no report for it yet.' },
  'carrier.report_exists': { status: 409, zh: '“{name}”{year} 年度报告已提交。', en: '“{name}” has already submitted its {year} report.' },
  'carrier.report_missing': { status: 409, zh: '“{name}”尚未提交 {year} 年度报告，无法评价。', en: '“{name}” has not submitted a {year} report, so it cannot be evaluated.' },
  'carrier.not_a_platform': { status: 400, zh: '只有公共技术服务平台可以发布服务。', en: 'Only public technology service platforms offer services.' },
  'carrier.service_not_found': { status: 404, zh: '未找到该服务。', en: 'No such service.' },
  'carrier.request_not_found': { status: 404, zh: '未找到该服务申请。', en: 'No such service request.' },
  'carrier.request_already_rated': { status: 409, zh: '该服务申请已评价。', en: 'This service request has already been rated.' },
  'carrier.request_not_done': { status: 409, zh: '服务平台尚未确认完成该服务，完成后才能评价。', en: 'The platform has not marked this service delivered yet; it can be rated once it is done.' },
  'carrier.request_not_open': { status: 409, zh: '该服务申请不在待办状态（当前：{status}），不能再次标记完成。', en: 'This service request is not open (it is {status}); it cannot be marked done again.' },
  // industry–education integration (产教融合)
  'talent.not_found': { status: 404, zh: '未找到该产教融合项目。', en: 'No such industry–education unit.' },
  'talent.level_required': { status: 400, zh: '专业群须注明层次（职业本科、高职或中职）。', en: 'A specialty group needs its level (applied undergraduate, higher vocational or secondary vocational).' },
  'talent.org_not_registered': { status: 400, zh: '单位 {uscc} 未在单位库中登记，请先登记该单位。', en: 'The organisation {uscc} is not in the registry; register it first.' },
  'talent.graduates_above_trainees': { status: 400, zh: '{year} 年毕业（结业）人数 {graduates} 超过在训人数 {trainees}。', en: 'In {year}, {graduates} graduates exceed the {trainees} trainees.' },
  // programmes (科技计划项目)
  'programme.not_found': { status: 404, zh: '未找到该科技计划。', en: 'No such programme.' },
  'programme.code_taken': { status: 409, zh: '编号 {code} 已被使用。', en: 'The code {code} is already in use.' },
  'programme.call_not_found': { status: 404, zh: '未找到该申报指南（批次）。', en: 'No such call.' },
  'programme.call_invalid': { status: 400, zh: '申报指南有误：{reason}', en: 'The call is invalid: {reason}' },
  'programme.call_not_open': { status: 409, zh: '该批次不在申报期内（申报时间 {opensAt} 至 {closesAt}，以服务器时间为准）。', en: 'The call is not open (window {opensAt} to {closesAt}, server time).' },
  'programme.eligibility_invalid': { status: 400, zh: '申报条件有误：{first}', en: 'The eligibility condition is invalid: {first}' },
  'programme.not_eligible': { status: 409, zh: '不符合申报条件：{failed}', en: 'Not eligible for this call: {failed}' },
  'programme.application_not_found': { status: 404, zh: '未找到该申报书。', en: 'No such application.' },
  'programme.transition_refused': { status: 409, zh: '申报书或项目当前状态为“{from}”，不能执行“{action}”。', en: 'The record is “{from}”; “{action}” is not allowed from there.' },
  'programme.budget_invalid': { status: 400, zh: '预算表有误：{reason}', en: 'The budget table is invalid: {reason}' },
  'programme.budget_over_cap': { status: 409, zh: '申请资助 {requested} 分超过本批次单项上限 {cap} 分。', en: 'The requested subsidy of {requested} fen exceeds the call\'s per-project cap of {cap} fen.' },
  'programme.cofunding_short': { status: 409, zh: '自筹资金 {self} 分不足：须不少于申请资助的 {percent}%（{needed} 分）。', en: 'Own funding of {self} fen is too low: it must be at least {percent}% of the requested subsidy ({needed} fen).' },
  'programme.form_incomplete': { status: 400, zh: '申报书尚不完整：{missing}', en: 'The application is incomplete: {missing}' },
  'programme.attachment_type': { status: 415, zh: '附件“{fileName}”的实际内容不是允许的类型（仅限 PDF、Office 文档、PNG/JPEG 图片）。', en: 'The attachment “{fileName}” is not an allowed type by its content (PDF, Office documents, PNG/JPEG images only).' },
  'programme.attachment_too_large': { status: 413, zh: '附件超过 {limit} 字节的上限。', en: 'The attachment exceeds the limit of {limit} bytes.' },
  'programme.attachment_not_found': { status: 404, zh: '未找到该附件。', en: 'No such attachment.' },
  'programme.reviewer_invalid': { status: 400, zh: '该用户不是评审专家账号。', en: 'That user is not a reviewer account.' },
  'programme.assignment_short': { status: 409, zh: '申报书“{title}”可用的无回避专家只有 {available} 位，少于要求的 {needed} 位。', en: 'Only {available} conflict-free reviewers are available for “{title}”; {needed} are needed.' },
  'programme.review_not_found': { status: 404, zh: '未找到该评审任务。', en: 'No such review assignment.' },
  'programme.score_invalid': { status: 400, zh: '评分有误：{reason}', en: 'The scores are invalid: {reason}' },
  'programme.panel_locked': { status: 409, zh: '评审会已于 {lockedAt} 锁定，评分不能再修改。', en: 'The panel was locked at {lockedAt}; scores can no longer change.' },
  'programme.panel_not_locked': { status: 409, zh: '须先锁定评审结果，才能作出立项决定。', en: 'Lock the panel before recording decisions.' },
  'programme.reviews_incomplete': { status: 409, zh: '还有 {count} 份评审意见未提交，不能锁定。', en: '{count} reviews are still outstanding; the panel cannot be locked.' },
  'programme.award_over_budget': { status: 409, zh: '立项金额合计 {total} 分超过本批次预算 {budget} 分（已立项 {awarded} 分）。', en: 'Awards totalling {total} fen exceed the call\'s budget of {budget} fen ({awarded} fen already awarded).' },
  'programme.award_over_max': { status: 409, zh: '立项金额 {amount} 分超过上限 {cap} 分（单项上限或申请金额中较小者）。', en: 'The award of {amount} fen exceeds its cap of {cap} fen (the per-project cap or the amount requested, whichever is lower).' },
  'programme.project_not_found': { status: 404, zh: '未找到该项目。', en: 'No such project.' },
  'programme.agreement_invalid': { status: 400, zh: '任务书有误：{reason}', en: 'The agreement is invalid: {reason}' },
  'programme.tranche_not_due': { status: 409, zh: '第 {no} 笔拨款的条件“{condition}”尚未满足。', en: 'Tranche {no}\'s condition “{condition}” is not met yet.' },
  'programme.tranche_not_found': { status: 404, zh: '没有第 {no} 笔拨款。', en: 'No tranche {no}.' },
  'programme.no_fund': { status: 409, zh: '本批次未指定拨款资金，请先在申报指南中指定。', en: 'The call has no fund to pay from; set one on the call first.' },
  'programme.change_not_found': { status: 404, zh: '未找到该变更申请。', en: 'No such change request.' },
  'programme.not_challenge': { status: 409, zh: '该项目不属于揭榜挂帅榜单，没有里程碑关口。', en: 'This project is not an open challenge; it has no milestone gates.' },
  'programme.solvers_full': { status: 409, zh: '揭榜挂帅最多并行支持 {max} 个揭榜团队。', en: 'At most {max} solvers may race in parallel on this challenge.' },
  'programme.acceptance_unmet': { status: 409, zh: '验收通过须全部指标达标；未达标：{unmet}。可选择“不通过”或“延期验收”。', en: 'Passing acceptance needs every indicator met; not met: {unmet}. Choose fail or extension instead.' },
  'programme.gate_invalid': { status: 400, zh: '里程碑关口有误：{reason}', en: 'The milestone gate is invalid: {reason}' },
  'internal': { status: 500, zh: '服务器内部错误，请稍后重试。如问题持续，请提供请求编号 {requestId}。', en: 'Internal server error; please try again later. If it persists, quote request id {requestId}.' },
  'storage.full': { status: 507, zh: '服务器存储空间已满，本次请求没有保存任何内容。请管理员释放磁盘空间后重试。', en: 'The server has run out of storage space; nothing of this request was saved. Ask the administrator to free disk space, then try again.' },
  'db.unavailable': {
    status: 503,
    zh: '数据库暂时无法访问，请在 {retryAfterSeconds} 秒后重试。',
    en: 'The database cannot be reached right now; please try again in {retryAfterSeconds} seconds.',
  },
  'service.unavailable': { status: 503, zh: '服务正在停止，请稍后重试。', en: 'The service is shutting down; please try again shortly.' },
} satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  code: string;
  message: Bilingual;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; code: string; message: string }[];
  [extra: string]: unknown;
}

export function toProblem(err: AppError, locale: Locale, extra: { instance?: string; requestId?: string } = {}): Problem {
  const def: ErrorDef = ERRORS[err.code];
  const problem: Problem = {
    type: `urn:luchuang:problem:${err.code}`,
    title: pick(TITLES[def.status] ?? TITLES[500], locale),
    status: def.status,
    code: err.code,
    detail: format(pick(def, locale), localiseParams({ ...err.params, requestId: extra.requestId }, locale)),
    ...extra,
  };
  if (err.fieldErrors.length) {
    problem.errors = err.fieldErrors.map((f) => ({ path: f.path, code: f.code, message: pick(f.message, locale) }));
  }
  if (typeof err.params.retryAfterSeconds === 'number') problem.retryAfterSeconds = err.params.retryAfterSeconds;
  return problem;
}

/** Parameters may themselves be bilingual ({zh, en}); pick the request's language. */
function localiseParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = v && typeof v === 'object' && 'zh' in v && 'en' in v ? pick(v as Bilingual, locale) : v;
  }
  return out;
}

const TITLES: Record<number, Bilingual> = {
  400: { zh: '请求有误', en: 'Bad request' },
  401: { zh: '未登录或登录失败', en: 'Unauthorised' },
  403: { zh: '禁止访问', en: 'Forbidden' },
  404: { zh: '未找到', en: 'Not found' },
  409: { zh: '冲突', en: 'Conflict' },
  413: { zh: '请求体过大', en: 'Payload too large' },
  414: { zh: '请求地址过长', en: 'URI too long' },
  415: { zh: '不支持的内容类型', en: 'Unsupported media type' },
  429: { zh: '请求过于频繁', en: 'Too many requests' },
  500: { zh: '服务器错误', en: 'Internal server error' },
  503: { zh: '服务暂不可用', en: 'Service unavailable' },
  507: { zh: '存储空间不足', en: 'Insufficient storage' },
};

/**
 * A write that failed because a disk is full: the file system's ENOSPC or EDQUOT, or
 * PostgreSQL's disk_full (SQLSTATE 53100), possibly wrapped by the query builder as a cause.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
    // PGlite reports the file system's error in the message of a generic I/O error.
    if (/No space left on device/i.test(String((e as { message?: unknown }).message ?? ''))) return true;
  }
  return false;
}

/**
 * What a log line keeps of a failed background write: the query builder puts the whole failed
 * statement and its parameters (whole imported rows, contacts included) in its message.
 */
export function errorSummary(error: unknown): { name: string; code?: string; message: string } {
  const e = error as { name?: string; code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const cause = e?.cause && typeof e.cause === 'object' ? e.cause : null;
  const code = cause?.code ?? e?.code;
  const message = String(cause?.message ?? e?.message ?? error);
  return { name: e?.name ?? 'Error', ...(typeof code === 'string' ? { code } : {}), message: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}
