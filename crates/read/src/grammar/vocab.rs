//! The words forms print: field labels, indicator column headers, organisation names.
//! Kept as data so a new spelling is one line here.

use jixiao_model::text::{squeezed, strip_enumerator};

/// A labelled field of a project form (绩效目标表, 自评表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Code,
    Name,
    Total,
    Fiscal,
    Other,
    Purpose,
    /// 预算规模及资金用途: heads the budget rows and the purpose row below them.
    BudgetSection,
    SpendingPlan,
    Goals,
    /// 部门名称 / 主管部门: the department the form belongs to.
    Department,
    /// 实施单位 / 预算单位: the budget unit carrying the project.
    Unit,
    /// 实际完成情况: what a self-evaluation says was achieved of the goals.
    Achieved,
    /// 上年结转: carried-over funds in a self-evaluation's funds block.
    CarriedOver,
    /// 长期目标, 项目负责人 …: a field read past, whose value is not the previous label's.
    Skipped,
    /// 标题: a page's title, naming the project when no 项目名称 does.
    Title,
    /// 部门预算编码 / 单位编码: the department's code.
    DeptCode,
    /// 金额单位: the unit the amounts below are printed in (万元, 元).
    AmountUnit,
}

/// Labels by their [`key`](super::norm::key).
/// Whether a key may be a label, a column header or a funds column: its first character
/// starts one of them (most data cells' does not).
pub fn may_be_word(k: &str) -> bool {
    static FIRSTS: std::sync::OnceLock<std::collections::HashSet<char>> =
        std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        let mut set: std::collections::HashSet<char> = LABELS
            .iter()
            .map(|(w, _)| *w)
            .chain(COLUMNS.iter().map(|(w, _)| *w))
            .chain([
                "年初预算数",
                "全年预算数",
                "调整后预算数",
                "全年执行数",
                "执行数",
                "实际执行数",
                "分值",
                "执行率",
                "得分",
                "年初批复数",
            ])
            .filter_map(|w| w.chars().next())
            .collect();
        // `其中财政资金` and its kin; `2021年实际实现值`.
        set.insert('其');
        // `省级主管部门`, `中央主管部门`, `本次下达…`: qualified labels.
        set.extend(['省', '市', '县', '区', '中', '本']);
        // `半年(程)指标值` beside `全年(程)指标值`.
        set.insert('半');
        set.extend('0'..='9');
        set
    });
    k.chars().next().is_some_and(|c| firsts.contains(&c))
}

pub(super) const LABELS: &[(&str, Label)] = &[
    ("项目编码", Label::Code),
    ("项目代码", Label::Code),
    ("项目编号", Label::Code),
    ("项目名称", Label::Name),
    ("项目支出名称", Label::Name),
    ("专项名称", Label::Name),
    ("二级项目名称", Label::Name),
    ("预算数", Label::Total),
    ("年度资金总额", Label::Total),
    ("年度本级预算金额", Label::Total),
    ("部门预算", Label::Total),
    ("金额", Label::Total),
    ("预算金额", Label::Total),
    ("项目总额", Label::Total),
    ("项目金额", Label::Total),
    ("资金总额", Label::Total),
    ("项目资金总额", Label::Total),
    // A 区域绩效目标表's one amount (`资金额度 4623 万`).
    ("资金额度", Label::Total),
    ("年度金额", Label::Total),
    ("年度预算", Label::Total),
    ("预算申报数", Label::Total),
    // `专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) | 其他`: a 专项's amount for the year.
    ("本年度预计投入", Label::Total),
    ("年度预计投入", Label::Total),
    ("预计投入", Label::Total),
    // A 区域 self-evaluation of a central transfer: `转移支付预算数(A) 5.8万`.
    ("转移支付预算数", Label::Total),
    ("其中财政资金", Label::Fiscal),
    ("其中:财政资金", Label::Fiscal),
    ("其中:财政拨款", Label::Fiscal),
    ("其中财政拨款", Label::Fiscal),
    ("财政资金", Label::Fiscal),
    ("财政拨款", Label::Fiscal),
    ("财政拨款数", Label::Fiscal),
    // 四川's 申报表: `(一)财政拨款小计 6.30` over 一般公共预算 / 政府性基金 / 国有资本经营预算.
    ("财政拨款小计", Label::Fiscal),
    ("其中:财政拨款数", Label::Fiscal),
    ("本年财政拨款", Label::Fiscal),
    ("其中:本年财政拨款", Label::Fiscal),
    ("当年财政拨款", Label::Fiscal),
    ("其中:当年财政拨款", Label::Fiscal),
    ("其中:本级财政拨款", Label::Fiscal),
    ("本级财政拨款", Label::Fiscal),
    ("其他资金", Label::Other),
    ("地方资金", Label::Other),
    ("其他", Label::Other),
    // 资金性质 blocks (广西): the general budget's money is fiscal, 其他收入 is not.
    ("一般公共预算资金", Label::Fiscal),
    ("经费拨款", Label::Fiscal),
    ("其他收入", Label::Other),
    ("其中:其他资金", Label::Other),
    ("其中:其它资金", Label::Other),
    ("其它资金", Label::Other),
    ("总体完成率", Label::Skipped),
    ("项目分类", Label::Skipped),
    ("建设周期", Label::Skipped),
    ("项目审批", Label::Skipped),
    ("财政资金预算分类", Label::Skipped),
    ("财政资金科目代码", Label::Skipped),
    ("年度预算执行率", Label::Skipped),
    ("业务主管部门", Label::Department),
    ("主管预算部门", Label::Department),
    ("项目总体概况", Label::Skipped),
    ("年度主要目标和成果", Label::Goals),
    ("项目总预算", Label::Total),
    ("总额", Label::Total),
    ("当年年度预算", Label::Total),
    ("上年结转", Label::CarriedOver),
    ("上年结转资金", Label::CarriedOver),
    ("资金用途", Label::Purpose),
    ("项目资金用途", Label::Purpose),
    ("项目总体情况", Label::Purpose),
    // A description of the project, not what the money is for (资金用途).
    ("项目概况", Label::Skipped),
    ("预算规模及资金用途", Label::BudgetSection),
    ("资金支出计划", Label::SpendingPlan),
    ("支出计划", Label::SpendingPlan),
    ("部门名称", Label::Department),
    ("主管部门", Label::Department),
    ("部门", Label::Department),
    ("主管部门及代码", Label::Department),
    ("主管部门及编码", Label::Department),
    ("主管部门及编号", Label::Department),
    ("部门单位名称", Label::Department),
    ("主管单位", Label::Department),
    ("预算部门", Label::Department),
    ("项目主管部门", Label::Department),
    // The reporting body of a 区域 / 整体 self-evaluation: the department only where no
    // 主管部门 is printed (ranked below every department label).
    ("单位名称", Label::Department),
    // A 专项资金 (transfer fund) self-evaluation names the fund where a project would be.
    ("专项资金名称", Label::Name),
    // Labels whose bracketed word is printed inside them; glued text is cut at the label as
    // printed (`专项(项目)名称彩票市场调控资金…`, `主管部门(单位)名称秀屿区水利局`).
    ("专项(项目)名称", Label::Name),
    ("主管部门(单位)名称", Label::Department),
    ("主管部门名称", Label::Department),
    ("部门(单位)名称", Label::Department),
    // `转移支付(项目)名称`: a transfer payment's 区域(项目) self-evaluation.
    ("转移支付名称", Label::Name),
    ("转移支付项目名称", Label::Name),
    // Each level's department on a regional form, listed so glued text is cut before them.
    ("省级主管部门", Label::Department),
    ("市级主管部门", Label::Department),
    ("县级主管部门", Label::Department),
    ("负责人及电话", Label::Skipped),
    ("项目主管单位", Label::Department),
    ("整体目标", Label::Goals),
    ("年度预期目标", Label::Goals),
    ("具体完成情况", Label::Achieved),
    ("实施单位", Label::Unit),
    ("预算单位", Label::Unit),
    ("项目实施单位", Label::Unit),
    // The unit that applies for, spends or reports the money (广西 申报表, 湖南 目标表).
    ("申请单位", Label::Unit),
    ("用款单位", Label::Unit),
    // A transfer payment's 区域 form: the local department, the unit that spends the money.
    ("地方主管部门", Label::Department),
    ("资金使用单位", Label::Unit),
    ("填报单位", Label::Unit),
    // `项目单位 | 罗湖区南湖街道办事处`, `项目执行单位 | 黄石市文物局`: the unit carrying it.
    ("项目单位", Label::Unit),
    ("执行单位", Label::Unit),
    ("绩效目标", Label::Goals),
    ("年度绩效目标", Label::Goals),
    ("项目绩效目标", Label::Goals),
    ("年度目标", Label::Goals),
    ("年度总体目标", Label::Goals),
    ("总体目标", Label::Goals),
    ("项目总体目标", Label::Goals),
    ("年度绩效目标值", Label::Goals),
    ("年初设定目标", Label::Goals),
    ("预期目标", Label::Goals),
    ("年度绩效总目标", Label::Goals),
    ("本年度绩效目标", Label::Goals),
    ("当年绩效目标", Label::Goals),
    ("实施期绩效目标", Label::Skipped),
    ("中期目标", Label::Skipped),
    ("中长期目标", Label::Skipped),
    ("中长期绩效目标", Label::Skipped),
    ("实施期目标", Label::Skipped),
    ("该项目支出上级资金", Label::Skipped),
    ("实际完成情况", Label::Achieved),
    ("年度总体目标完成情况综述", Label::Achieved),
    ("全年实际完成情况", Label::Achieved),
    ("年度总体目标完成情况", Label::Achieved),
    ("总体目标完成情况", Label::Achieved),
    ("长期目标", Label::Skipped),
    ("长期绩效目标", Label::Skipped),
    ("项目负责人", Label::Skipped),
    ("项目联系人", Label::Skipped),
    ("资金拨付对象", Label::Skipped),
    ("项目实施进度", Label::Skipped),
    ("项目实施计划", Label::Skipped),
    ("起止时间", Label::Skipped),
    ("项目负责人及电话", Label::Skipped),
    // A self-evaluation's closing block and signatures: no indicator rows.
    ("评价结论", Label::Skipped),
    ("存在问题", Label::Skipped),
    ("财务负责人", Label::Skipped),
    ("单位负责人", Label::Skipped),
    ("填报人", Label::Skipped),
    ("审核人", Label::Skipped),
    ("项目属性", Label::Skipped),
    ("项目期", Label::Skipped),
    ("项目类别", Label::Skipped),
    ("项目性质", Label::Skipped),
    ("项目类型", Label::Skipped),
    ("政策依据", Label::Skipped),
    ("保障绩效目标实现措施", Label::Skipped),
    ("绩效目标实现措施", Label::Skipped),
    ("设立依据", Label::Skipped),
    ("立项依据", Label::Skipped),
    ("联系电话", Label::Skipped),
    ("联系人", Label::Skipped),
    ("项目支出实施期", Label::Skipped),
    ("归口科室", Label::Skipped),
    ("标题", Label::Title),
    ("部门预算编码", Label::DeptCode),
    ("部门编码", Label::DeptCode),
    ("单位编码", Label::DeptCode),
    ("预算编码", Label::DeptCode),
    ("项目资金", Label::BudgetSection),
    ("资金情况", Label::BudgetSection),
    ("资金来源", Label::BudgetSection),
    ("项目资金申请", Label::BudgetSection),
    ("项目年度目标", Label::Goals),
    ("具体实施单位", Label::Unit),
    ("年度目标完成情况", Label::Skipped),
    ("金额单位", Label::AmountUnit),
    ("资金单位", Label::AmountUnit),
    ("是否为专项资金", Label::Skipped),
    ("是否专项资金", Label::Skipped),
    ("自评得分", Label::Skipped),
    ("财政部门", Label::Skipped),
    ("省级财政部门", Label::Skipped),
    ("市级财政部门", Label::Skipped),
    ("县级财政部门", Label::Skipped),
    ("目标完成情况", Label::Skipped),
    ("目标实际完成情况", Label::Achieved),
    ("预算执行情况", Label::BudgetSection),
    ("申报单位", Label::Department),
    ("部门", Label::Department),
];

/// The vocabulary tables as hash maps, built once: every short cell is looked up.
type Index<K> = std::sync::OnceLock<std::collections::HashMap<&'static str, K>>;

fn lookup<K: Copy>(index: &Index<K>, words: &[(&'static str, K)], s: &str) -> Option<K> {
    index
        .get_or_init(|| words.iter().copied().collect())
        .get(s)
        .copied()
}

static LABEL_INDEX: Index<Label> = std::sync::OnceLock::new();
static COLUMN_INDEX: Index<Column> = std::sync::OnceLock::new();

/// The key a label or column header is compared by: [`key`](super::norm::key), without
/// `(万元)`-style groups, a trailing colon, `其中` spelled with or without its colon.
fn header_key(cell: &str) -> Option<std::borrow::Cow<'_, str>> {
    if cell.len() > 240 {
        return None; // labels and headers are short (with annotations); most data cells are not
    }
    Some(super::norm::key(cell))
}

/// The form label a cell prints, if any.
pub fn label(cell: &str) -> Option<Label> {
    label_of_key(&header_key(cell)?)
}

/// [`label`] of a cell's [`key`](super::norm::key).
pub fn label_of_key(k: &str) -> Option<Label> {
    if k.is_empty() || k.chars().count() > 14 {
        return None;
    }
    lookup(&LABEL_INDEX, LABELS, k)
        .or_else(|| {
            // `其中：财政资金` is also printed `其中:财政资金`, `其中 财政资金`; `其中:当年市级财政
            // 资金` is the fiscal share too.
            k.strip_prefix("其中").and_then(|r| {
                let r = r.trim_start_matches([':', '、']);
                lookup(&LABEL_INDEX, LABELS, r).or_else(|| {
                    // `其中:中央补助`, `其中:省级资金`: a share of the total, fiscal unless
                    // it says otherwise.
                    let money = ["资金", "拨款", "补助", "投资", "经费", "预算"];
                    money.iter().any(|m| r.ends_with(m)).then(|| {
                        if OTHER_MONEY.iter().any(|w| r.contains(w)) {
                            Label::Other
                        } else {
                            Label::Fiscal
                        }
                    })
                })
            })
        })
        .or_else(|| {
            // A 专项 (special fund) form says 专项 where a project form says 项目: `专项名称`,
            // `专项概况`, `专项负责人`.
            let r = k.strip_prefix("专项")?;
            lookup(&LABEL_INDEX, LABELS, &format!("项目{r}"))
        })
        .or_else(|| {
            // `项目主管单位`, `项目预算单位`: the project's department or unit.
            let r = k.strip_prefix("项目")?;
            lookup(&LABEL_INDEX, LABELS, r).filter(|l| matches!(l, Label::Department | Label::Unit))
        })
        .or_else(|| {
            // `中央主管部门`, `省级主管部门`: a regional form names each level's department.
            (k.ends_with("主管部门") && k.chars().count() <= 8).then_some(Label::Department)
        })
        .or_else(|| {
            // Another period's goals (`中期滚动目标`, `长期绩效目标(2021-2023年)`) are read past.
            (["中期", "长期", "实施期"].iter().any(|w| k.starts_with(w)) && k.ends_with("目标"))
                .then_some(Label::Skipped)
        })
}

/// Words of money that is not the budget's own (其他资金).
const OTHER_MONEY: &[&str] = &[
    "其他",
    "其它",
    "自筹",
    "社会",
    "自有",
    "单位资金",
    "银行",
    "贷款",
    "企业",
    "地方资金",
];

/// A funds label by its shape where no list names it: `本次下达中央预算内投资(万元)`,
/// `省级补助资金总额`, `单位自筹资金(万元)`. Its last word says it is money, a printed unit or
/// a word for a sum says it is an amount's label (not a project named `…专项资金`), its
/// qualifiers say whose. `k` is the cell's key, `cell` the cell as printed.
pub fn funds_label(k: &str, cell: &str) -> Option<Label> {
    const MONEY: &[&str] = &[
        "资金",
        "投资",
        "金额",
        "预算",
        "预算数",
        "拨款",
        "总额",
        "总投资",
        "经费",
        "补助",
        "预算额",
        "资金数",
        "投资额",
        "资金额",
        "合计",
    ];
    const SUM: &[&str] = &[
        "总额",
        "总投资",
        "预算数",
        "投资额",
        "资金数",
        "预算额",
        "资金额",
        "合计",
    ];
    let chars = k.chars().count();
    // A figure is no label (`30合计` is a score glued to a total row's label).
    if !k.starts_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return None;
    }
    // `地方资金/其他`: other money, however it ends.
    if (3..=10).contains(&chars)
        && k.contains("资金")
        && (k.ends_with("/其他") || k.ends_with("其他"))
    {
        return Some(Label::Other);
    }
    if !(3..=14).contains(&chars) || !MONEY.iter().any(|m| k.ends_with(m)) {
        return None;
    }
    let unit = cell.contains("万元")
        || ["(元", "（元", "元)", "元）"]
            .iter()
            .any(|u| cell.contains(u));
    if !unit && !SUM.iter().any(|m| k.ends_with(m)) && !k.contains("下达") {
        return None;
    }
    // Words that are money but no amount of this project's (`资金用途`, `专项资金管理`) end
    // otherwise; these name processes, not sums.
    if [
        "执行", "使用", "管理", "到位", "支付", "绩效", "用途", "来源", "结余", "节约", "年初",
        "全年", "调整", "批复",
    ]
    .iter()
    .any(|w| k.contains(w))
    {
        return None;
    }
    // Another period's money (`中期市财政预算`, `以前年度…`) is not the year's.
    if ["中期", "长期", "实施期", "以前年度", "累计", "以前"]
        .iter()
        .any(|w| k.contains(w))
    {
        return Some(Label::Skipped);
    }
    if OTHER_MONEY.iter().any(|w| k.contains(w)) {
        Some(Label::Other)
    } else if k.starts_with("其中") {
        // A share of the total; fiscal money printed alone (`本年度申请市财政预算资金`) is the
        // project's whole amount.
        Some(Label::Fiscal)
    } else {
        Some(Label::Total)
    }
}

/// A column of an indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Level1,
    Level2,
    Level3,
    Description,
    Target,
    /// 计算符号 / 指标性质 / 指标值类型 / 指标方向 when the target is split over columns.
    Operator,
    /// 度量单位 / 计量单位.
    Unit,
    Basis,
    /// 分值 / 权重.
    Weight,
    /// 得分 (self-evaluation).
    Score,
    /// 实际完成值 (self-evaluation).
    Actual,
    /// 偏差原因分析及改进措施 (self-evaluation).
    Deviation,
    /// 备注, 评（扣）分标准, 长期指标值: read but not part of the model.
    Ignored,
    /// 项目名称 in a grid with one row per indicator of many projects (merged per project).
    ProjectName,
    /// 项目编码 in such a grid.
    ProjectCode,
    /// 预算数 / 金额 in such a grid.
    Amount,
    /// 年度绩效目标 in such a grid.
    Goals,
    /// 单位名称 in such a grid: the budget unit of the projects below.
    UnitName,
}

/// Column headers by their [`key`](super::norm::key).
pub(super) const COLUMNS: &[(&str, Column)] = &[
    ("一级指标", Column::Level1),
    ("一级目标", Column::Level1),
    ("一级", Column::Level1),
    ("二级指标", Column::Level2),
    ("二级", Column::Level2),
    ("三级指标", Column::Level3),
    ("三级指标名称", Column::Level3),
    ("三级指标内容", Column::Level3),
    ("绩效指标", Column::Level3),
    ("指标名称", Column::Level3),
    ("三级", Column::Level3),
    ("具体指标", Column::Level3),
    ("绩效指标描述", Column::Description),
    ("指标描述", Column::Description),
    ("指标解释", Column::Description),
    ("指标值内容", Column::Description),
    ("指标值说明", Column::Description),
    ("指标内容", Column::Description),
    ("指标说明", Column::Description),
    ("指标含义", Column::Description),
    ("指标值", Column::Target),
    ("项目单位", Column::UnitName),
    ("项目类别", Column::Ignored),
    ("项目类型", Column::Ignored),
    ("绩效目标值", Column::Target),
    ("绩效内容", Column::Level3),
    ("评价内容", Column::Level1),
    ("指标类型", Column::Level1),
    // The four-grade form (绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 优/良/中/差 |
    // 评价标准确定依据): the 优 grade's threshold is the target, see `form::graded_target`.
    ("绩效指标分类", Column::Level1),
    ("指标分类", Column::Level1),
    ("绩效指标评价标准", Column::Target),
    ("指标评价标准", Column::Target),
    ("评价标准确定依据", Column::Basis),
    ("评价标准", Column::Ignored),
    ("指标类别", Column::Level1),
    ("累计完成率", Column::Ignored),
    ("目标完成率", Column::Ignored),
    ("目标值", Column::Target),
    ("年度指标值", Column::Target),
    ("年度目标值", Column::Target),
    ("指标目标值", Column::Target),
    ("年初目标值", Column::Target),
    ("预期指标值", Column::Target),
    ("年度预期指标值", Column::Target),
    ("当年预期实现值", Column::Target),
    ("预期实现值", Column::Target),
    ("绩效目标值", Column::Target),
    ("年度绩效指标值", Column::Target),
    ("计划值", Column::Target),
    ("指标值及单位", Column::Target),
    ("指标标准或依据", Column::Basis),
    ("指标标准", Column::Basis),
    ("实际实现值", Column::Actual),
    // Header cells printed over two lines (`年度` / `指标值`, `实际` / `完成值`).
    ("年度", Column::Target),
    ("实际", Column::Actual),
    ("预期达到目标", Column::Target),
    ("预期目标值", Column::Target),
    ("指标说明及公式", Column::Ignored),
    ("年度数值", Column::Target),
    ("数值", Column::Target),
    ("年度计划值", Column::Target),
    ("计算符号", Column::Operator),
    ("指标性质", Column::Operator),
    ("指标值类型", Column::Operator),
    ("运算符号", Column::Operator),
    ("符号", Column::Operator),
    ("指标方向", Column::Operator),
    ("指标方向性", Column::Operator),
    ("度量单位", Column::Unit),
    ("计量单位", Column::Unit),
    ("单位", Column::Unit),
    ("指标值确定依据", Column::Basis),
    ("指标值设定依据", Column::Basis),
    ("绩效标准", Column::Basis),
    ("确定依据", Column::Basis),
    ("设定依据", Column::Basis),
    ("指标值来源", Column::Basis),
    ("分值", Column::Weight),
    ("权重", Column::Weight),
    ("指标权重", Column::Weight),
    ("权重分", Column::Weight),
    ("参考分值", Column::Weight),
    ("权重占比", Column::Weight),
    ("标准分值", Column::Weight),
    ("得分", Column::Score),
    ("指标得分", Column::Score),
    ("自评得分", Column::Score),
    ("实际完成值", Column::Actual),
    ("全年实际值", Column::Actual),
    ("全年完成值", Column::Actual),
    ("实际值", Column::Actual),
    ("完成值", Column::Actual),
    ("全年实际完成值", Column::Actual),
    ("年度实际完成值", Column::Actual),
    ("实际完成指标值", Column::Actual),
    // A 自评 column of progress (`实施进度 | 已完成100%`): what was done, as printed.
    ("实施进度", Column::Actual),
    ("完成进度", Column::Actual),
    ("执行进度", Column::Actual),
    ("偏差原因分析及改进措施", Column::Deviation),
    ("未完成原因及拟采取的改进措施", Column::Deviation),
    ("未完成原因和改进措施", Column::Deviation),
    ("未达到指标值原因", Column::Deviation),
    ("偏差原因分析", Column::Deviation),
    ("偏差原因", Column::Deviation),
    ("原因分析", Column::Deviation),
    ("未完成原因", Column::Deviation),
    ("偏差原因及改进措施", Column::Deviation),
    ("原因分析及改进措施", Column::Deviation),
    ("未完成原因分析", Column::Deviation),
    ("偏差原因分析及改进措施说明", Column::Deviation),
    ("未完成原因分析及改进措施", Column::Deviation),
    ("未完成原因及改进措施", Column::Deviation),
    ("备注", Column::Ignored),
    ("评分标准", Column::Ignored),
    ("评扣分标准", Column::Ignored),
    ("计分方法", Column::Ignored),
    ("得分计算方法", Column::Ignored),
    ("评分方法", Column::Ignored),
    ("评分规则", Column::Ignored),
    ("长期指标值", Column::Ignored),
    ("指标值设定方式", Column::Ignored),
    ("项目名称", Column::ProjectName),
    ("项目", Column::ProjectName),
    ("项目编码", Column::ProjectCode),
    ("项目代码", Column::ProjectCode),
    ("预算数", Column::Amount),
    ("金额", Column::Amount),
    ("预算金额", Column::Amount),
    ("年度资金总额", Column::Amount),
    ("绩效金额", Column::Amount),
    ("资金总额", Column::Amount),
    ("绩效目标", Column::Goals),
    ("年度目标", Column::Goals),
    ("年度绩效目标", Column::Goals),
    ("单位名称", Column::UnitName),
    // A 部门整体 table's 年度履职目标 block (部门职能 | 年度目标任务 | 支出项目名称 | 预算金额):
    // read past, its words whole (`年度目标任务` holds no 年度目标 label).
    ("年度目标任务", Column::Ignored),
    ("部门职能", Column::Ignored),
];

/// The indicator-table column a header cell names, if any.
pub fn column(cell: &str) -> Option<Column> {
    column_of_key(&header_key(cell)?)
}

/// [`column`] of a cell's [`key`](super::norm::key).
pub fn column_of_key(k: &str) -> Option<Column> {
    if k.is_empty() || k.chars().count() > 16 {
        return None;
    }
    lookup(&COLUMN_INDEX, COLUMNS, k)
        .or_else(|| {
            // `2021年实际实现值`, `预期2022年实现值`: a year inside a header.
            let without: String = without_year(k)?;
            lookup(&COLUMN_INDEX, COLUMNS, &without)
        })
        .or_else(|| value_column(k))
}

/// A value column by its shape where no list names it: `计划指标值`, `本年度目标值`,
/// `全年实际完成值`, `指标分值`, `单项指标得分`, `单项指标完成情况`.
fn value_column(k: &str) -> Option<Column> {
    let chars = k.chars().count();
    // `指标值设定依据及数据来源`, `目标值确定依据`: the basis, however the form words it.
    let of_indicator = ["指标", "目标", "绩效", "评价"].iter().any(|w| k.starts_with(w));
    if (4..=14).contains(&chars) && of_indicator && k.contains("依据") {
        return Some(Column::Basis);
    }
    // `未完成原因分析及改进措施`, `偏差大或目标未完成原因分析`: why a target was missed.
    if (4..=16).contains(&chars)
        && k.contains("原因")
        && ["分析", "措施", "说明", "原因"].iter().any(|w| k.ends_with(w))
        && !k.contains("指标")
    {
        return Some(Column::Deviation);
    }
    // `指标解释说明`, `三级指标内涵`: what the indicator means.
    if (4..=8).contains(&chars)
        && (k.starts_with("指标") || k.starts_with("三级指标"))
        && ["解释", "说明", "描述", "含义", "内涵"].iter().any(|w| k.ends_with(w))
    {
        return Some(Column::Description);
    }
    // A 监控表's columns of the year so far (`半年度指标执行情况`, `1-6月执行情况`,
    // `全年预计完成情况`, `完成目标可能性`): progress and outlook, not the year's result.
    if (4..=12).contains(&chars)
        && (k.ends_with("执行情况") || k.contains("预计完成") || k.ends_with("可能性"))
    {
        return Some(Column::Ignored);
    }
    if (3..=8).contains(&chars) && k.contains("指标") {
        if k.ends_with("折算得分") || k.ends_with("完成情况") || k.ends_with("完成率") {
            return Some(Column::Ignored);
        }
        if k.ends_with("得分") {
            return Some(Column::Score);
        }
        if k.ends_with("分值") || k.ends_with("权重") {
            return Some(Column::Weight);
        }
    }
    if !(4..=10).contains(&chars)
        || !["指标值", "目标值", "预期值", "计划值", "完成值", "实现值"]
            .iter()
            .any(|w| k.ends_with(w))
    {
        return None;
    }
    // `长期指标值`, `中期目标值`: another period's, read past.
    if ["中期", "长期", "实施期"].iter().any(|w| k.contains(w)) {
        return Some(Column::Ignored);
    }
    if ["实际", "完成", "实现"].iter().any(|w| k.contains(w)) && !k.contains("预期") {
        Some(Column::Actual)
    } else {
        Some(Column::Target)
    }
}

/// The text without a `2021年` / `2021年度` inside it, if it has one.
fn without_year(k: &str) -> Option<String> {
    let start = k.find(|c: char| c.is_ascii_digit())?;
    let digits = k[start..].bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let rest = &k[start + 4..];
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))?;
    Some(format!("{}{}", &k[..start], rest))
}

/// A column of a self-evaluation's funds block (年初预算数 / 全年预算数 / …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Funds {
    /// 原因, 备注: read past.
    Note,
    Initial,
    Annual,
    Executed,
    Weight,
    Rate,
    Score,
}

pub fn funds_column(text: &str) -> Option<Funds> {
    if text.len() > 60 {
        return None;
    }
    funds_of_key(&super::norm::key(text))
}

/// [`funds_column`] of a cell's [`key`](super::norm::key).
pub fn funds_of_key(k: &str) -> Option<Funds> {
    Some(match k {
        "年初预算数" | "年初预算" | "年初批复数" => Funds::Initial,
        "全年预算数" | "全年预算" | "调整后预算数" | "预算数" => Funds::Annual,
        "全年执行数" | "全年执行" | "执行数" | "实际执行数" | "预算执行数" => {
            Funds::Executed
        }
        "分值" | "权重" => Funds::Weight,
        "执行率" | "预算执行率" => Funds::Rate,
        "得分" => Funds::Score,
        "原因" | "偏差原因" | "备注" | "说明" => Funds::Note,
        _ => return None,
    })
}

/// Endings of organisation names (部门、预算单位).
const ORG_ENDINGS: &[&str] = &[
    "政府",
    "学校",
    "学院",
    "小学",
    "中学",
    "医院",
    "卫生院",
    "馆",
    "联合社",
    "局",
    "委员会",
    "办公室",
    "大队",
    "支队",
    "中心",
    "管理处",
    "站",
    "院",
    "所",
    "厅",
    "委",
    "部",
    "办",
    "队",
    "室",
    "会",
    "处",
];

/// True for an organisation name such as `临西县应急管理局`: short, no digits or sentence
/// punctuation, ending like a body of government.
pub fn is_org_name(s: &str) -> bool {
    // The last character decides first: most cells end in none of the endings.
    let last = jixiao_model::text::trim(s).chars().next_back();
    // (The endings' last characters, sorted: every cell classified is asked.)
    static LAST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let last_chars = LAST.get_or_init(|| {
        let mut v: Vec<char> = ORG_ENDINGS.iter().filter_map(|e| e.chars().next_back()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let ends = |c: char| last_chars.binary_search(&c).is_ok();
    match last {
        Some(c) if ends(c) => {}
        // `黃岡市檔案館`: a name in traditional characters, folded to be checked.
        Some(c) if !c.is_ascii() && ends(super::norm::fold_char_same_width(c)) => {
            return is_org_name(&super::norm::fold_same_width(s));
        }
        _ => return false,
    }
    // `联系客服 关注微信 下载APP 返回顶部`: page links, not a name.
    if jixiao_model::text::trim(s).split_whitespace().count() > 2 {
        return false;
    }
    let s = squeezed(s);
    let n = s.chars().count();
    // `返回顶部`: a page's link, ending like a 部.
    if s.ends_with("顶部") {
        return false;
    }
    (4..=40).contains(&n)
        && !s
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || "，。；：:,;、“”\"《》()（）".contains(c))
        && ORG_ENDINGS.iter().any(|e| s.ends_with(e))
        && !s.ends_with("小计")
}

/// Known section headings of the narrative part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overall,
    Sub,
    Safeguards,
    /// Any other part heading (第二部分, 预算项目绩效目标…): ends the current section.
    Other,
}

pub fn section_heading(paragraph: &str) -> Option<Section> {
    if paragraph.len() > 160 {
        return None; // body text
    }
    section_heading_of(paragraph, &squeezed(paragraph))
}

/// [`section_heading`] of a paragraph already squeezed (`s`), to squeeze it only once.
pub fn section_heading_of(paragraph: &str, s: &str) -> Option<Section> {
    if paragraph.len() > 160 {
        return None;
    }
    let (s, enumerated) = strip_enumerator(s);
    let s = s.trim_end_matches([':', '：']);
    match s {
        "总体绩效目标" | "部门总体绩效目标" | "整体绩效目标" => {
            Some(Section::Overall)
        }
        "分项绩效目标" => Some(Section::Sub),
        "工作保障措施" | "保障措施" => Some(Section::Safeguards),
        _ if s.starts_with("第") && s.contains("部分") && s.chars().count() <= 20 => {
            Some(Section::Other)
        }
        "预算项目绩效目标" | "部门整体绩效目标" | "项目支出绩效目标" => {
            Some(Section::Other)
        }
        _ if enumerated && is_top_level_enumerated(paragraph, s) => Some(Section::Other),
        _ => None,
    }
}

/// `一、…` / `五、…`: a top-level heading of a budget explanation.
fn is_top_level_enumerated(p: &str, stripped: &str) -> bool {
    let t = jixiao_model::text::trim(p);
    let mut chars = t.chars();
    let first = chars.next();
    let numeral = first.is_some_and(|c| "一二三四五六七八九十".contains(c));
    // A row of cells opening with a numbered name (`二、田间试验    ≧15组    15组    15`): two
    // gaps or more between its words are cells, no heading's.
    let gaps = t.split(['\t', '|']).count() - 1 + t.matches("  ").count() + t.matches('\u{3000}').count();
    numeral
        && t.chars().find(|c| !"一二三四五六七八九十".contains(*c)) == Some('、')
        && stripped.chars().count() <= 38
        && gaps < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_columns() {
        assert_eq!(label("项目\n\n编码"), Some(Label::Code));
        assert_eq!(label("其中：财政    资金"), Some(Label::Fiscal));
        assert_eq!(label("资金支出计划（%）"), Some(Label::SpendingPlan));
        assert_eq!(label("金额 (万元)"), Some(Label::Total));
        assert_eq!(label("产出指标"), None);
        assert_eq!(column("一级\n\n指标"), Some(Column::Level1));
        assert_eq!(column("指标值确定依据"), Some(Column::Basis));
        // However a form words them.
        assert_eq!(column("指标值设定依据及数据来源"), Some(Column::Basis));
        assert_eq!(column("目标值确定依据"), Some(Column::Basis));
        assert_eq!(column("指标内涵"), Some(Column::Description));
        assert_eq!(column("三级指标解释"), Some(Column::Description));
        assert_eq!(column("立项依据"), None);
        // `…嘉峪关城市博物馆政策依据甘财科…`: a field of its own ends the unit before it.
        assert_eq!(label("政策依据"), Some(Label::Skipped));
        assert_eq!(column("未完成原因分析及改进措施"), Some(Column::Deviation));
        assert_eq!(column("偏差大或目标未完成原因分析"), Some(Column::Deviation));
        assert_eq!(column("度量单位"), Some(Column::Unit));
    }

    #[test]
    fn goal_labels_of_more_forms() {
        assert_eq!(label("整体目标:"), Some(Label::Goals));
        assert_eq!(label("年度预期目标"), Some(Label::Goals));
        assert_eq!(label("具体完成情况"), Some(Label::Achieved));
    }

    #[test]
    fn special_fund_and_project_prefixes() {
        assert_eq!(label("专项名称"), Some(Label::Name));
        // A 区域绩效目标表 states its money as one 资金额度.
        assert_eq!(label("资金额度"), Some(Label::Total));
        // (A description of the project, like 项目概况: not its 资金用途.)
        assert_eq!(label("专项概况"), Some(Label::Skipped));
        assert_eq!(label("专项负责人"), Some(Label::Skipped));
        assert_eq!(label("项目主管单位"), Some(Label::Department));
        assert_eq!(label("项目预算单位"), Some(Label::Unit));
        assert_eq!(label("项目单位"), Some(Label::Unit));
        assert_eq!(label("项目执行单位"), Some(Label::Unit));
        // Only a department or unit takes the 项目 prefix: `项目其他` is no label.
        assert_eq!(label("项目其他"), None);
        assert_eq!(label("专项"), None);
    }

    #[test]
    fn organisations() {
        assert!(is_org_name("临西县应急管理局"));
        assert!(is_org_name("石家庄高新技术产业开发区安全生产监察大队"));
        assert!(!is_org_name("石家庄高新技术产业开发区应急管理局小计"));
        assert!(!is_org_name("单位：万元"));
        assert!(!is_org_name("安全生产专项经费"));
        // Traditional characters fold before the check; the name stays as printed.
        assert!(is_org_name("黃岡市檔案館"));
        assert!(!is_org_name("檔案搶救與保護專項經費"));
    }

    #[test]
    fn sections() {
        assert_eq!(section_heading("一、总体绩效目标"), Some(Section::Overall));
        assert_eq!(section_heading("(一) 总体绩效目标"), Some(Section::Overall));
        assert_eq!(section_heading("（二）分项绩效目标"), Some(Section::Sub));
        assert_eq!(
            section_heading("三、工作保障措施"),
            Some(Section::Safeguards)
        );
        assert_eq!(section_heading("第二部分"), Some(Section::Other));
        assert_eq!(
            section_heading("六、2020 年度政府采购支出情况说明"),
            Some(Section::Other)
        );
        assert_eq!(
            section_heading("工作保障措施：县应急管理局加强、优化"),
            None
        );
        assert_eq!(section_heading("（一）负责应急管理工作"), None);
    }
}
