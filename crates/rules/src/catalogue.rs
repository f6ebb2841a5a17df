//! 规则目录：每条规则的编号、所属规则集、类别、默认严重程度、状态、标题、说明模板、修改建议和依据。
//!
//! One catalogue for every check jixiao runs. A rule set is a group of rules checked by one
//! crate over one kind of input: [`RuleSet::Review`] (绩效目标审核, `jixiao-review`, over the
//! target tables), [`RuleSet::Disclosure`] (部门预算公开, `jixiao-disclosure`, over the
//! budget disclosure) and [`RuleSet::SelfEvaluation`] (自评复核, `jixiao-assess`, over the
//! scores a published self-evaluation table prints) and [`RuleSet::Benchmark`] (对标检查,
//! `jixiao-library`, over the indicator library: targets against last year, budgets and
//! peers). The catalogue is data: the checks only decide *where* a rule applies
//! and fill the `{placeholders}` of its message; everything a user reads comes from here.
//!
//! A new rule set is a new [`RuleSet`] variant,
//! a section of rules below, and checks in its own crate that emit [`crate::Finding`]s through
//! [`crate::Settings::emit`].

use std::sync::OnceLock;

use jixiao_model::Severity;
use serde::Serialize;

use crate::template::{fill_pieces, pieces, Piece};

/// A group of rules checked together by one crate over one kind of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSet {
    /// 绩效目标审核：the target tables (`jixiao-review`), with the quality score.
    Review,
    /// 部门预算公开：the budget disclosure around the targets (`jixiao-disclosure`).
    Disclosure,
    /// 自评复核：a published self-evaluation's scores re-scored by the rules (`jixiao-assess`).
    SelfEvaluation,
    /// 对标检查：targets compared with last year, the budget and peers (`jixiao-library`);
    /// hints computed on demand from the library, not stored with a document.
    Benchmark,
}

impl RuleSet {
    pub const ALL: [RuleSet; 4] = [
        RuleSet::Review,
        RuleSet::Disclosure,
        RuleSet::SelfEvaluation,
        RuleSet::Benchmark,
    ];

    /// The set's id in JSON and in the database (`review`, `disclosure`, `self_evaluation`,
    /// `benchmark`).
    pub fn id(self) -> &'static str {
        match self {
            RuleSet::Review => "review",
            RuleSet::Disclosure => "disclosure",
            RuleSet::SelfEvaluation => "self_evaluation",
            RuleSet::Benchmark => "benchmark",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RuleSet::Review => "绩效目标审核",
            RuleSet::Disclosure => "部门预算公开",
            RuleSet::SelfEvaluation => "自评复核",
            RuleSet::Benchmark => "对标检查",
        }
    }
}

/// 审核类别（财预〔2015〕88号 的审核要点，外加时效）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 完整性
    Completeness,
    /// 可衡量（指标值明确、可考核）
    Measurability,
    /// 相关性/一致性
    Consistency,
    /// 适当性（与资金匹配）
    Appropriateness,
    /// 时效
    Timeliness,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Completeness => "完整性",
            Category::Measurability => "可衡量",
            Category::Consistency => "一致性",
            Category::Appropriateness => "适当性",
            Category::Timeliness => "时效",
        }
    }

    pub const ALL: [Category; 5] = [
        Category::Completeness,
        Category::Measurability,
        Category::Consistency,
        Category::Appropriateness,
        Category::Timeliness,
    ];
}

/// Where a rule is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 正式：checked by default.
    Stable,
    /// 试行：checked by default; its wording or threshold may still change.
    Preview,
    /// 停用：kept so that configuration files naming it stay valid; never checked.
    Deprecated,
    /// 可选：checked only when a configuration enables it (`[rules.JX-M010] enabled = true`):
    /// a style or local-practice note a careful reviewer does not raise on every document.
    OptIn,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Stable => "正式",
            Status::Preview => "试行",
            Status::Deprecated => "停用",
            Status::OptIn => "可选",
        }
    }
}

/// Chinese name of a severity, as users read it.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    #[serde(skip)]
    pub rule: Rule,
    pub id: &'static str,
    pub set: RuleSet,
    pub category: Category,
    pub severity: Severity,
    pub status: Status,
    pub title: &'static str,
    /// Message template with `{name}` placeholders.
    pub message: &'static str,
    /// Suggested fix template (may be empty).
    pub fix: &'static str,
    /// 依据的制度或标准。
    pub standard: &'static str,
}

// 绩效目标审核
const S88_COMPLETE: &str = "财预〔2015〕88号《中央部门预算绩效目标管理办法》：完整性审核";
const S88_RELEVANT: &str = "财预〔2015〕88号《中央部门预算绩效目标管理办法》：相关性审核";
const S88_APPROPRIATE: &str = "财预〔2015〕88号《中央部门预算绩效目标管理办法》：适当性审核";
const S88_FEASIBLE: &str =
    "财预〔2015〕88号《中央部门预算绩效目标管理办法》：可行性审核（指标清晰、细化、可衡量）";
const S101: &str = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》";
const S101_VALUE: &str = "财预〔2021〕101号 指标值设定：计算符号、指标值与度量单位";
const S101_COST: &str = "财预〔2021〕101号 成本指标：不得超出预算支出标准和项目预算";
const GB9704: &str = "GB/T 9704—2012《党政机关公文格式》：发文字号年份用四位阿拉伯数字";

// 部门预算公开
const OPEN_RULES: &str =
    "《地方预决算公开操作规程》（财预〔2016〕143号）：公开的预算数据应真实、准确、前后一致";
const PROCUREMENT_RULES: &str = "《政府采购法实施条例》第二十九条：采购人应当根据集中采购目录、采购限额标准和已批复的部门预算编制政府采购实施计划";
const TARGET_RULES: &str =
    "财预〔2015〕88号《中央部门预算绩效目标管理办法》：绩效目标与部门预算相匹配";

// 自评复核
const S10_SCORING: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：单位自评按指标完成情况计分（定量指标按完成比例，定性指标按达成、部分达成、未达成三档）";
const S10_BUDGET: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：预算执行率 = 全年执行数 ÷ 全年预算数，得分 = 分值 × 执行率（不超过分值）";
const S10_TOTAL: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：自评总分 100 分，为预算执行率与各项指标得分之和";
const S10_GRADE: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：90（含）分以上为优、80（含）—90分为良、60（含）—80分为中、60分以下为差";
const S10_DEVIATION: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：未完成绩效目标的，应分析偏差原因并提出改进措施";

const S10_APPROVED: &str =
    "财预〔2020〕10号《项目支出绩效评价管理办法》：绩效评价以批复的绩效目标为依据，对照实际完成情况评价";

// 对标检查
const S101_HISTORY: &str =
    "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》：指标值参考历史标准（上年实际完成值）设定，体现挑战性";
const S88_MATCH: &str =
    "财预〔2015〕88号《中央部门预算绩效目标管理办法》：适当性审核（绩效目标与预算资金量相匹配）";
const S101_PEERS: &str =
    "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》：指标值参考行业标准和同类项目设定";
const S101_MEASURED: &str =
    "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》：指标值应经测算确定，能够反映和区分绩效";

/// The status of an entry: `Stable` unless the entry names another (`C001 = "JX-C001" (Preview), …`).
macro_rules! status {
    () => {
        Status::Stable
    };
    ($status:ident) => {
        Status::$status
    };
}

macro_rules! catalogue {
    ($( [$set:ident]
        $( $variant:ident = $id:literal $(($status:ident))?, $cat:ident, $sev:ident, $title:literal, $msg:literal, $fix:literal, $std:expr; )*
    )*) => {
        /// Rule identifiers; `Rule::C001` is `JX-C001` in the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($($variant,)*)* }

        /// 规则目录：every rule of every rule set, in rule-set order.
        pub const CATALOGUE: &[RuleInfo] = &[
            $($( RuleInfo { rule: Rule::$variant, id: $id, set: RuleSet::$set, category: Category::$cat,
                            severity: Severity::$sev, status: status!($($status)?), title: $title,
                            message: $msg, fix: $fix, standard: $std }, )*)*
        ];
    };
}

catalogue! {
    [Review]
    // 完整性
    C001 = "JX-C001", Completeness, Warning, "缺少一级指标",
        "项目缺少一级指标：{missing}。", "补充{missing}及其下的具体指标。", S88_COMPLETE;
    C002 = "JX-C002", Completeness, Warning, "缺少二级指标",
        "{level1}下缺少二级指标：{missing}。", "在{level1}下补充{missing}。", S88_COMPLETE;
    C003 = "JX-C003", Completeness, Error, "未填绩效目标",
        "项目没有填写绩效目标。", "写明项目年度预期达到的产出和效果（目标1、目标2……）。", S88_COMPLETE;
    C004 = "JX-C004", Completeness, Error, "没有绩效指标",
        "项目没有任何绩效指标。", "按产出、效益、满意度设置三级指标及指标值。", S88_COMPLETE;
    C005 = "JX-C005", Completeness, Warning, "未列预算数",
        "{scope}未列预算数，无法核对成本指标与资金是否匹配。", "在绩效目标表中填写预算数（万元）及资金来源。", S88_COMPLETE;
    C006 = "JX-C006", Completeness, Warning, "缺少指标值确定依据",
        "{scope}的指标均未填写指标值确定依据。", "为每项指标注明计划标准、行业标准、历史标准或预算支出标准。", S88_COMPLETE;
    C007 = "JX-C007", Completeness, Info, "单元格为空",
        "{count}行指标的“{field}”为空（第{rows}行）。", "补全{field}。", S88_COMPLETE;
    C008 = "JX-C008", Completeness, Error, "指标值为空",
        "指标“{level3}”没有填写指标值。", "填写计算符号、数值和计量单位（如“≥95%”），或规范的定性值。", S88_COMPLETE;
    C009 = "JX-C009", Completeness, Warning, "三级指标只是类别名称",
        "三级指标“{level3}”只是指标类别名称，没有说明考核什么。", "写明具体考核内容，如“……知晓率”“……发生次数”。", S88_COMPLETE;
    C010 = "JX-C010", Completeness, Info, "未填资金用途",
        "项目未填写资金用途。", "说明预算资金的具体用途。", S88_COMPLETE;
    C011 = "JX-C011", Completeness, Warning, "指标类别无法识别",
        "{level}“{printed}”不是规范的指标类别名称。", "使用规范名称，如{expected}。", S101;

    // 可衡量
    M001 = "JX-M001", Measurability, Error, "指标值不是目标值",
        "指标值“{target}”是指标名称或考核内容，不是可考核的目标值。", "填写计算符号、数值和计量单位（如“≥95%”），或可判定的定性值（如“达标”）。", S101_VALUE;
    M002 = "JX-M002", Measurability, Error, "指标值照抄指标名称",
        "指标值“{target}”与{copied}完全相同，没有给出目标值。", "三级指标写考核什么，指标描述写口径，指标值写达到多少。", S88_FEASIBLE;
    M003 = "JX-M003", Measurability, Info, "指标描述重复三级指标",
        "指标描述与三级指标相同（“{level3}”），没有解释指标口径和计算方法。", "说明指标的口径或计算方法，如“……占……的比例”。", S88_FEASIBLE;
    M004 = "JX-M004", Measurability, Warning, "定量指标配定性指标值",
        "三级指标“{level3}”应以{measure}计，指标值却是“{target}”。", "改为定量指标值，如“{example}”{more}。", S101_VALUE;
    M005 = "JX-M005", Measurability, Warning, "定性指标值无法判定",
        "指标值“{target}”是笼统表述，无法判断是否达成。", "使用可判定的定性值（如{examples}），或改为定量指标。", S88_FEASIBLE;
    M006 = "JX-M006", Measurability, Warning, "指标值需要说明",
        "指标值“{target}”{reason}。", "改为“计算符号+数值+单位”，计算方法写入指标描述。", S101_VALUE;
    M007 = "JX-M007", Measurability, Warning, "缺少计量单位",
        "指标值“{target}”没有计量单位{trailing}。", "补上计量单位，如“{example}”{more}。", S101_VALUE;
    M008 = "JX-M008", Measurability, Warning, "计量单位与指标名称矛盾",
        "{source}“{text}”按{expected}计，指标值“{target}”却以“{unit}”计。", "统一三级指标、指标描述与指标值的计量单位。", S101_VALUE;
    M009 = "JX-M009", Measurability, Error, "百分比超过100%",
        "指标值“{target}”超过100%，比率类指标不可能达到。", "比率类指标值不超过100%。", S101_VALUE;
    M010 = "JX-M010" (OptIn), Measurability, Info, "“≥100%”只能恰好达到",
        "指标值“{target}”要求不低于100%，比率最多为100%，实际只能恰好达到。", "写作“=100%”或“100%”。", S101_VALUE;
    M011 = "JX-M011", Measurability, Warning, "满意度目标过低",
        "满意度目标“{target}”低于下限{floor}%。", "满意度目标一般不低于{floor}%。", S101_VALUE;
    M012 = "JX-M012", Measurability, Warning, "指标值没有约束力",
        "指标值“{target}”在任何情况下都能达成，起不到考核作用。", "设定有实际意义的目标，如降低率“≥5%”或发生次数“0次”。", S88_FEASIBLE;
    M013 = "JX-M013", Measurability, Info, "指标值混入文字",
        "指标值“{target}”在数值后附有文字“{trailing}”。", "指标值只写“{clean}”，说明文字写入指标描述。", S101_VALUE;
    M014 = "JX-M014", Measurability, Info, "指标名称过长",
        "三级指标名称有{chars}个字，超过{max}个字。", "三级指标写成简短的名词短语，说明放入指标描述。", S101;

    // 一致性
    R001 = "JX-R001", Consistency, Warning, "绩效目标与指标值不一致",
        "绩效目标写明“{goal}”，对应指标“{level3}”的指标值却是“{target}”。", "核对后统一绩效目标与指标值。", S88_RELEVANT;
    R002 = "JX-R002", Consistency, Warning, "指标名称中的数值与指标值不一致",
        "{source}写明“{stated}”，指标值却是“{target}”。", "核对后统一名称（或描述）与指标值。", S88_RELEVANT;
    R003 = "JX-R003", Consistency, Warning, "同一指标有不同指标值",
        "三级指标“{level3}”在本项目出现{count}次，指标值分别为{targets}。", "合并为一条指标，或在名称中区分考核对象。", S88_RELEVANT;
    R004 = "JX-R004", Consistency, Info, "重复指标",
        "指标“{level3}”（指标值“{target}”）与第{first}行完全重复。", "删除重复的指标行。", S88_RELEVANT;
    R005 = "JX-R005", Consistency, Warning, "二级指标与一级指标不匹配",
        "二级指标“{level2}”属于{parent}，却列在“{level1}”下。", "把指标移到{parent}下。", S101;
    R006 = "JX-R006", Consistency, Warning, "混用两种指标框架",
        "本文档既把成本指标列为一级指标，又把成本指标列在产出指标下（{where}）。", "全文档统一采用一种指标框架。", S101;
    R007 = "JX-R007" (Preview), Consistency, Warning, "三级指标与二级指标不符",
        "三级指标“{level3}”是{kind}，却列在“{level2}”下。", "{fix}", S101;
    R008 = "JX-R008" (Preview), Consistency, Warning, "目标照抄其他项目",
        "绩效目标“{clause}”与项目“{other}”的目标逐字相同，其中的“{term}”是该项目的内容，与本项目“{name}”无关。", "按本项目的内容改写这一目标。", S88_RELEVANT;
    R009 = "JX-R009" (Preview), Consistency, Warning, "分项绩效目标与指标值不一致",
        "分项绩效目标写明“{goal}”，对应指标“{level3}”的指标值却是“{target}”。", "核对后统一分项绩效目标的文字与指标表。", S88_RELEVANT;

    // 适当性
    A001 = "JX-A001", Appropriateness, Error, "成本指标合计超过预算",
        "成本指标金额合计{sum}，超过项目预算数{budget}（{rows}）。", "成本指标合计不应超过项目预算数，请核对金额或单位。", S101_COST;
    A002 = "JX-A002", Appropriateness, Error, "资金来源与预算数不符",
        "财政资金{fiscal}加其他资金{other}为{sum}，与预算数{total}不符。", "核对预算数及其资金来源。", S88_APPROPRIATE;
    A003 = "JX-A003", Appropriateness, Error, "项目预算之和与合计不符",
        "各项目预算数之和为{sum}，与表中合计{total}不符。", "核对各项目预算数与合计。", S88_APPROPRIATE;
    A004 = "JX-A004", Appropriateness, Error, "资金支出计划不是累计数",
        "资金支出计划应逐月累计，{later}月底（{b}%）却低于{earlier}月底（{a}%）。", "填写截至各月底的累计支出比例。", S88_APPROPRIATE;
    A005 = "JX-A005", Appropriateness, Warning, "资金支出计划未达100%",
        "资金支出计划截至{month}月底累计为{last}%，全年未安排支出完毕。", "12月底累计支出比例应为100%。", S88_APPROPRIATE;
    A006 = "JX-A006", Appropriateness, Warning, "资金支出计划为空",
        "项目未填写资金支出计划。", "填写3月底、6月底、10月底、12月底的累计支出比例。", S88_APPROPRIATE;
    A007 = "JX-A007", Appropriateness, Warning, "成本金额单位不明",
        "成本指标“{level3}”的指标值“{target}”{problem}，无法核对是否超出预算。", "成本指标值写明金额单位（元或万元）。", S101_COST;
    A008 = "JX-A008", Appropriateness, Warning, "成本指标不是金额",
        "成本指标“{level3}”的指标值“{target}”不是金额，无法与预算数和支出标准比较。", "填写成本金额上限，如“≤{example}万元”。", S101_COST;
    A009 = "JX-A009", Appropriateness, Error, "资金支出计划比例超出范围",
        "资金支出计划{month}月底为{value}%，累计比例应在0至100%之间。", "核对支出计划比例。", S88_APPROPRIATE;
    A010 = "JX-A010", Appropriateness, Error, "预算数不是正数",
        "项目预算数为{total}。", "核对预算数。", S88_APPROPRIATE;
    A011 = "JX-A011" (Preview), Appropriateness, Error, "数量乘标准超过成本或预算",
        "{quantity}乘以{standard}为{product}，超过{limit}。", "核对数量、单位标准与成本指标、预算数：三者应能相互印证。", S101_COST;
    A012 = "JX-A012" (Preview), Appropriateness, Warning, "资金支出计划过早支出完毕",
        "资金支出计划截至{month}月底已累计支出100%{after}，而{evidence}。", "按工作进度填写各月底的累计支出比例。", S88_APPROPRIATE;

    // 时效
    T001 = "JX-T001", Timeliness, Warning, "时限不在预算年度内",
        "指标值“{target}”的时限在{year}年，不在预算年度{budget_year}年内。", "时限应落在预算年度内，如“{budget_year}年12月底前”。", S88_FEASIBLE;
    T002 = "JX-T002", Timeliness, Warning, "内容所述年份不是预算年度",
        "{field}写的是“{quote}”，与预算年度{budget_year}年不符，可能沿用了往年内容。", "按预算年度更新时间表述。", S88_RELEVANT;
    T003 = "JX-T003", Timeliness, Error, "文号年份不可能",
        "文号“{number}”中的年份“{year}”不是有效年份{count}。", "核对发文字号，年份应为四位数，如“〔2019〕”。", GB9704;
    T004 = "JX-T004", Timeliness, Warning, "文号年份晚于预算年度",
        "依据“{number}”的年份{year}晚于预算年度{budget_year}年{count}。", "核对依据文件的文号和年份。", GB9704;
    T005 = "JX-T005" (Preview), Timeliness, Info, "预算年度未写明",
        "文档没有明白写出预算年度，按{basis}推定为{year}年，时效规则按此年度审核。", "在标题或表头写明预算年度（如“2023年度”）。", S88_COMPLETE;

    [Disclosure]
    // 一致性：合计与分项、增减额、同一数字、采购与绩效目标、资产
    D001 = "JX-D001", Consistency, Error, "分项之和与合计不符",
        "{at}：{whole}为{total}，而{parts}之和为{sum}。", "核对合计数与各分项金额。", OPEN_RULES;
    D002 = "JX-D002", Consistency, Error, "增减额与两年之差不符",
        "{at}：{item}本年{amount}、上年{previous}，相差{diff}，文中却写“{stated}”。", "按本年数减上年数重新计算增减额。", OPEN_RULES;
    D003 = "JX-D003", Consistency, Error, "增减额与其构成不符",
        "{at}：{whole}{change}，而{parts}的增减额之和为{sum}。", "核对总增减额与各部分的增减额。", OPEN_RULES;
    D004 = "JX-D004", Consistency, Error, "同一数字前后不一致",
        "{item}在{first_at}（{first_kind}）为{first}，在{at}（{kind}）却为{value}。", "统一各处所列的同一数字。", OPEN_RULES;
    D005 = "JX-D005", Consistency, Error, "推算的上年数为负",
        "{at}：{item}本年{amount}，“{stated}”，推算上年为{previous}，金额不可能为负。", "核对本年数与增减额的方向和金额。", OPEN_RULES;
    D006 = "JX-D006", Consistency, Warning, "项目支出与项目预算之和不符",
        "{at}：项目支出为{project}，绩效目标表中{count}个项目的预算数之和为{sum}。", "核对项目支出预算与各项目的预算数。", TARGET_RULES;
    D007 = "JX-D007", Consistency, Error, "采购明细之和与小计不符",
        "第{line}行：{unit}小计的{column}为{subtotal}，其下{count}行明细之和为{sum}。", "核对小计与各采购明细。", OPEN_RULES;
    D008 = "JX-D008", Consistency, Error, "采购小计之和与合计不符",
        "第{line}行：政府采购合计的{column}为{total}，各单位小计之和为{sum}。", "核对合计与各单位小计。", OPEN_RULES;
    D009 = "JX-D009", Consistency, Error, "数量乘单价与金额不符",
        "第{line}行：“{item}”数量{quantity}×单价{price}为{product}，金额却为{amount}。", "核对数量、单价与金额。", PROCUREMENT_RULES;
    D010 = "JX-D010", Consistency, Error, "资金来源之和与合计不符",
        "第{line}行：{row}的合计为{total}，各资金来源之和为{sum}。", "核对合计与各资金来源金额。", OPEN_RULES;
    D011 = "JX-D011", Consistency, Error, "采购说明与采购表不符",
        "{at}：文字说明的{what}为{stated}，政府采购表第{line}行为{table}。", "统一文字说明与政府采购表。", OPEN_RULES;
    D012 = "JX-D012", Consistency, Warning, "采购项目不在绩效目标中",
        "{at}：政府采购项目来源“{project}”不是本文档绩效目标表中的项目。", "核对项目名称，或补充该项目的绩效目标。", PROCUREMENT_RULES;
    D013 = "JX-D013", Consistency, Error, "同一项目的预算资金不一致",
        "{at}：项目“{project}”的预算资金为{value}，{first_at}却为{first}。", "统一同一项目的预算资金。", OPEN_RULES;
    D014 = "JX-D014", Consistency, Error, "采购金额超过项目预算",
        "{at}：项目“{project}”的政府采购金额之和{sum}超过其预算资金{budget}。", "采购金额不应超过项目预算，请核对金额。", PROCUREMENT_RULES;
    D015 = "JX-D015", Consistency, Error, "资产构成之和与总额不符",
        "{at}：固定资产总额为{total}，{parts}之和为{sum}。", "核对资产总额与各类别金额。", OPEN_RULES;
    D016 = "JX-D016", Consistency, Error, "资产占比合计不为100%",
        "{at}：固定资产各类别占比合计为{sum}%，应为100%。", "按各类别金额除以总额重新计算占比。", OPEN_RULES;
    D017 = "JX-D017", Consistency, Warning, "资产占比与金额不符",
        "{at}：{name}{amount}占总额{total}的{computed}%，文中写作{share}%。", "按金额除以总额重新计算占比。", OPEN_RULES;
    D018 = "JX-D018", Consistency, Error, "资产表分项之和与总额不符",
        "第{line}行：资产表的资产总额为{total}，{parts}之和为{sum}。", "核对资产总额与各项价值。", OPEN_RULES;
    D019 = "JX-D019", Consistency, Error, "资产表与文字说明不符",
        "第{line}行：资产表的{row}为{table}，文字说明（{at}）为{prose}。", "统一资产表与文字说明。", OPEN_RULES;
    D020 = "JX-D020", Consistency, Info, "拟购置资产未列入政府采购预算",
        "{at}：国有资产说明本年拟购置“{item}”{quantity}，政府采购预算表中没有相应的采购物品。", "核对该资产是否应编入政府采购预算。", PROCUREMENT_RULES;
    D021 = "JX-D021", Consistency, Info, "采购说明所列品目不在采购表中",
        "{at}：政府采购说明列有“{category}”，政府采购预算表的采购物品中没有这一类（表中为{items}）。", "统一文字说明与政府采购表的品目。", OPEN_RULES;
    D022 = "JX-D022", Consistency, Error, "财政拨款与收入预算不符",
        "{at}：财政拨款收支为{fiscal}，收入预算中的财政拨款（{parts}）之和为{sum}。", "核对财政拨款合计与收入预算中的各项拨款。", OPEN_RULES;

    [SelfEvaluation]
    // 一致性：所印得分与评分规则
    E001 = "JX-E001", Consistency, Error, "得分超过分值",
        "指标“{level3}”得分{published}，超过其分值{points}；按规则应得{recomputed}（{arithmetic}）。", "得分不能超过分值，按评分规则重新计算。", S10_SCORING;
    E002 = "JX-E002", Consistency, Error, "未达成却得满分",
        "指标“{level3}”实际完成{actual}，未达到年度指标值{target}，却得满分{published}；按规则应得{recomputed}（{arithmetic}）。", "按评分规则扣分，或核对实际完成值。", S10_SCORING;
    E003 = "JX-E003", Consistency, Warning, "扣分少于规则所定",
        "指标“{level3}”实际完成{actual}（年度指标值{target}），得分{published}，按规则应得{recomputed}（{arithmetic}）。", "按评分规则重新计算得分。", S10_SCORING;
    E004 = "JX-E004", Consistency, Warning, "已达成却扣分",
        "指标“{level3}”实际完成{actual}，已达到年度指标值{target}，按规则应得{recomputed}（{arithmetic}），却只得{published}。", "说明扣分的理由，或按评分规则给满分。", S10_SCORING;
    E005 = "JX-E005", Consistency, Warning, "扣分多于规则所定",
        "指标“{level3}”实际完成{actual}（年度指标值{target}），按规则应得{recomputed}（{arithmetic}），却只得{published}。", "说明多扣分的理由，或按评分规则重新计算得分。", S10_SCORING;
    E006 = "JX-E006", Consistency, Error, "执行率与执行数不符",
        "{fund}：全年执行数{executed}÷全年预算数{adjusted}为{computed}%，所印执行率为{printed}%。", "按全年执行数除以全年预算数重新计算执行率。", S10_BUDGET;
    E007 = "JX-E007", Consistency, Error, "预算执行得分与执行率不符",
        "{fund}：执行率{rate}%，按规则得{recomputed}分（{arithmetic}），所印得分为{published}。", "预算执行得分为分值乘以执行率，执行率超过100%的按满分计。", S10_BUDGET;
    E008 = "JX-E008", Consistency, Error, "分值合计与总分值不符",
        "各项分值之和为{sum}（{arithmetic}），总分一行所印分值为{printed}。", "核对各项指标的分值与总分值。", S10_TOTAL;
    E009 = "JX-E009", Consistency, Error, "得分合计与总分不符",
        "各项得分之和为{sum}（{arithmetic}），所印总分为{printed}。", "总分应为预算执行与各项指标得分之和。", S10_TOTAL;
    E010 = "JX-E010", Consistency, Error, "等级与总分不符",
        "总分{total}应评为“{expected}”（{band}），所印等级为“{printed}”。", "按总分所在的分数段确定等级。", S10_GRADE;
    E011 = "JX-E011", Completeness, Warning, "缺少实际完成值",
        "指标“{level3}”（年度指标值{target}）没有填写实际完成值，所印得分{published}无从核对。", "填写实际完成值（数值与计量单位，或定性的完成情况）。", S10_SCORING;
    E012 = "JX-E012", Completeness, Warning, "未达成却未说明偏差原因",
        "指标“{level3}”实际完成{actual}，未达到年度指标值{target}，没有填写偏差原因分析及改进措施。", "说明未达成的原因和拟采取的改进措施。", S10_DEVIATION;
    E013 = "JX-E013" (OptIn), Consistency, Info, "分值分配与评分规则不同",
        "{level}的分值之和为{sum}，所用评分规则为{expected}分。", "核对各级指标的分值；本地规则不同时，在评分配置中设置。", S10_TOTAL;
    E014 = "JX-E014", Consistency, Info, "按规则重算的总分",
        "按评分规则重算，总分为{recomputed}（{grade}），{basis}为{published}（{printed_grade}），相差{diff}分；{count}处得分与规则不符。", "按评分规则逐项核对得分。", S10_TOTAL;
    E015 = "JX-E015", Consistency, Warning, "自评表指标值与批复目标不同",
        "指标“{level3}”：{change}。", "自评应以批复的绩效目标为准；目标经批准调整的，附调整文件。", S10_APPROVED;

    [Benchmark]
    // 适当性：与上年实际、预算增幅、同类指标比较；部门的套用值统计。提示，不计入审核等级。
    B001 = "JX-B001" (Preview), Appropriateness, Info, "目标低于上年实际完成值",
        "“{level3}”目标值{target}{side}上年（{year}）实际完成值{actual}，目标缺乏挑战性。", "参考上年实际完成值{actual}重新测算目标值，或说明降低的理由。", S101_HISTORY;
    B002 = "JX-B002" (Preview), Appropriateness, Info, "预算增加而目标未变",
        "预算由{old_budget}万元增至{budget}万元（增长{rise}%），“{level3}”目标值仍为{target}，未随投入提高。", "随预算增加相应提高目标值，或说明目标不变的理由。", S88_MATCH;
    B003 = "JX-B003" (Preview), Appropriateness, Info, "目标偏离同类指标",
        "“{level3}”目标值{target}{side}同类指标（{entry}，{count}个）的{percentile}分位{bound}，请核实。", "与同类项目的目标值比较后核实，确有特殊情况的说明理由。", S101_PEERS;
    B004 = "JX-B004" (Preview), Appropriateness, Info, "百分比目标多为100%",
        "{who}{year}的{count}个百分比目标中{hundred}个（{share}%）为100%，多为套用值，难以区分绩效。", "按各项目实际测算比率目标，不宜一律设为100%。", S101_MEASURED;
    B005 = "JX-B005" (Preview), Appropriateness, Info, "满意度目标多为≥90%",
        "{who}{year}的{count}个满意度目标中{at_90}个（{share}%）为≥90%，多为套用值，请结合以往调查结果设定。", "结合以往满意度调查结果设定满意度目标。", S101_MEASURED;
}

impl Rule {
    #[inline]
    pub fn info(self) -> &'static RuleInfo {
        &CATALOGUE[self as usize]
    }

    #[inline]
    pub fn id(self) -> &'static str {
        self.info().id
    }

    #[inline]
    pub fn set(self) -> RuleSet {
        self.info().set
    }

    /// Looks a rule up by its id (`JX-M002`; case-insensitive, `JX-` optional).
    pub fn from_id(id: &str) -> Option<Rule> {
        let id = id.trim().to_ascii_uppercase();
        let id = id.strip_prefix("JX-").unwrap_or(&id);
        CATALOGUE.iter().find(|r| &r.id[3..] == id).map(|r| r.rule)
    }

    pub fn count() -> usize {
        CATALOGUE.len()
    }

    /// The rule's message with `args` filled in, as [`crate::fill`] would: the catalogue's
    /// templates are cut once, not searched for every finding.
    pub fn message(self, args: &[(&str, &str)]) -> String {
        fill_pieces(&Self::cut_templates()[self as usize].0, args)
    }

    /// The rule's suggested fix with `args` filled in; `None` when the rule has none.
    pub fn fix(self, args: &[(&str, &str)]) -> Option<String> {
        let fix = &Self::cut_templates()[self as usize].1;
        (!self.info().fix.is_empty()).then(|| fill_pieces(fix, args))
    }

    /// Message and fix templates of every rule, cut into [`Piece`]s on first use.
    fn cut_templates() -> &'static [(Vec<Piece<'static>>, Vec<Piece<'static>>)] {
        static CUT: OnceLock<Vec<(Vec<Piece>, Vec<Piece>)>> = OnceLock::new();
        CUT.get_or_init(|| {
            CATALOGUE
                .iter()
                .map(|r| (pieces(r.message), pieces(r.fix)))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fill;

    #[test]
    fn catalogue_is_consistent() {
        assert!(CATALOGUE.len() >= 30);
        for (i, r) in CATALOGUE.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "{} out of order", r.id);
            assert_eq!(Rule::from_id(r.id), Some(r.rule));
            assert!(r.id.starts_with("JX-") && r.id.len() == 7, "{}", r.id);
            assert!(!r.title.is_empty() && !r.message.is_empty() && !r.standard.is_empty());
        }
        let mut ids: Vec<_> = CATALOGUE.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CATALOGUE.len());
        // Rule sets are contiguous, in their order.
        assert!(CATALOGUE.windows(2).all(|w| w[0].set <= w[1].set));
    }

    #[test]
    fn disclosure_rules_are_numbered_in_order_and_have_a_fix() {
        let disclosure = CATALOGUE.iter().filter(|r| r.set == RuleSet::Disclosure);
        for (i, r) in disclosure.enumerate() {
            assert_eq!(r.id, format!("JX-D{:03}", i + 1));
            assert_eq!(r.category, Category::Consistency, "{}", r.id);
            assert!(!r.title.is_empty() && !r.fix.is_empty() && !r.standard.is_empty());
        }
        assert_eq!(Rule::D017.set(), RuleSet::Disclosure);
        assert_eq!(Rule::M002.set(), RuleSet::Review);
    }

    #[test]
    fn self_evaluation_rules_are_numbered_in_order_and_have_a_fix() {
        let rules = CATALOGUE
            .iter()
            .filter(|r| r.set == RuleSet::SelfEvaluation);
        let mut n = 0;
        for (i, r) in rules.enumerate() {
            assert_eq!(r.id, format!("JX-E{:03}", i + 1));
            assert!(
                !r.fix.is_empty() && r.standard.starts_with("财预〔2020〕10号"),
                "{}",
                r.id
            );
            n += 1;
        }
        assert_eq!(n, 15);
        assert_eq!(Rule::E002.set(), RuleSet::SelfEvaluation);
        assert_eq!(RuleSet::SelfEvaluation.id(), "self_evaluation");
    }

    #[test]
    fn benchmark_rules_are_hints_numbered_in_order() {
        let rules: Vec<&RuleInfo> = CATALOGUE
            .iter()
            .filter(|r| r.set == RuleSet::Benchmark)
            .collect();
        assert_eq!(rules.len(), 5);
        for (i, r) in rules.iter().enumerate() {
            assert_eq!(r.id, format!("JX-B{:03}", i + 1));
            assert_eq!(r.severity, Severity::Info, "{}", r.id);
            assert!(!r.fix.is_empty(), "{}", r.id);
        }
        assert_eq!(Rule::from_id("jx-b003"), Some(Rule::B003));
        assert_eq!(RuleSet::Benchmark.id(), "benchmark");
    }

    #[test]
    fn ids_are_looked_up_leniently() {
        assert_eq!(Rule::from_id("jx-m002"), Some(Rule::M002));
        assert_eq!(Rule::from_id("M002"), Some(Rule::M002));
        assert_eq!(Rule::from_id("jx-d017"), Some(Rule::D017));
        assert_eq!(Rule::from_id("JX-Z999"), None);
    }

    #[test]
    fn rules_fill_their_own_templates() {
        let args = [("target", "≥0"), ("level3", "降低率"), ("example", "≥5%")];
        for r in CATALOGUE {
            assert_eq!(r.rule.message(&args), fill(r.message, &args), "{}", r.id);
            let fix = (!r.fix.is_empty()).then(|| fill(r.fix, &args));
            assert_eq!(r.rule.fix(&args), fix, "{}", r.id);
        }
    }
}
