//! The disclosure model: what a 部门预算公开 prints around the performance targets.
//!
//! Amounts are [`Money`] in 万元 with the printed precision kept (`0.50` stays `0.50`, and
//! compares equal to `0.5`); every figure keeps the line it was printed on.

use jixiao_model::{Decimal, Located, Money, Origin};
use serde::{Deserialize, Serialize};

/// 部门预算公开（预算情况说明）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Disclosure {
    /// 部门名称（标题上方所印）。
    pub department: Option<Located<String>>,
    /// 预算年度（标题所印）。
    pub year: Option<Located<i32>>,
    /// 部门职责（每条一项）。
    pub duties: Vec<Located<String>>,
    /// 机构设置。
    pub institutions: Vec<Institution>,
    /// 收支预算情况（总体、收入、支出、财政拨款）。
    pub budget: Vec<Statement>,
    /// 机关运行经费。
    pub running_costs: Option<Statement>,
    /// “三公”经费。
    pub three_public: Option<Statement>,
    /// 政府采购。
    pub procurement: Option<Procurement>,
    /// 国有资产占用情况。
    pub assets: Option<Assets>,
    /// 名词解释。
    pub terms: Vec<Term>,
    /// 其他重要情况说明。
    pub other_notes: Vec<Located<String>>,
}

impl Disclosure {
    /// The budget statement of one kind, when printed.
    pub fn statement(&self, kind: StatementKind) -> Option<&Statement> {
        self.budget.iter().find(|s| s.kind == kind)
    }

    /// All statements in disclosure order: budget, running costs, “三公”, procurement prose.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.budget
            .iter()
            .chain(&self.running_costs)
            .chain(&self.three_public)
            .chain(self.procurement.as_ref().and_then(|p| p.statement.as_ref()))
    }
}

/// 机构设置表的一行。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// 单位名称。
    pub name: String,
    /// 单位性质（行政、事业……）。
    pub nature: Option<String>,
    /// 单位规格（正科级……）。
    pub rank: Option<String>,
    /// 经费保障形式（财政拨款、财政性资金基本保障……）。
    pub funding: Option<String>,
    pub at: Origin,
}

/// Which explanation a statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// 收入支出预算总体情况
    Overall,
    /// 收入预算情况
    Income,
    /// 支出预算情况
    Spending,
    /// 财政拨款收入支出预算总体情况
    Fiscal,
    /// 机关运行经费
    RunningCosts,
    /// “三公”经费
    ThreePublic,
    /// 政府采购（文字说明）
    Procurement,
}

impl StatementKind {
    pub fn name(self) -> &'static str {
        match self {
            StatementKind::Overall => "收入支出预算总体情况",
            StatementKind::Income => "收入预算情况",
            StatementKind::Spending => "支出预算情况",
            StatementKind::Fiscal => "财政拨款收入支出预算总体情况",
            StatementKind::RunningCosts => "机关运行经费",
            StatementKind::ThreePublic => "“三公”经费",
            StatementKind::Procurement => "政府采购",
        }
    }
}

/// A narrative explanation and the figures read from its sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub kind: StatementKind,
    /// The sub-heading printed above it (`（二）关于2020年度收入预算情况说明`).
    pub heading: Option<Located<String>>,
    /// The paragraphs as printed.
    pub text: Vec<Located<String>>,
    /// Figures in the order they are first named.
    pub figures: Vec<Figure>,
}

impl Statement {
    pub fn new(kind: StatementKind) -> Statement {
        Statement {
            kind,
            heading: None,
            text: Vec::new(),
            figures: Vec::new(),
        }
    }

    /// The figure of one item, when the statement names it.
    pub fn figure(&self, item: Item) -> Option<&Figure> {
        self.figures.iter().find(|f| f.item == item)
    }

    /// This year's amount of one item.
    pub fn amount(&self, item: Item) -> Option<Money> {
        self.figure(item)?.amount.as_ref().map(|a| a.value)
    }

    /// The line a statement starts on.
    pub fn line(&self) -> u32 {
        self.heading
            .as_ref()
            .map(|h| h.at.line)
            .or_else(|| self.text.first().map(|t| t.at.line))
            .unwrap_or(0)
    }
}

/// What a figure is the amount of: an income source, a kind of spending or a “三公” item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// 合计 / 总计（收支、收入、支出或采购的总数）
    Total,
    /// 一般公共预算拨款
    GeneralBudget,
    /// 政府性基金预算拨款
    GovernmentFund,
    /// 国有资本经营预算拨款
    StateCapital,
    /// 财政专户核拨收入
    SpecialAccount,
    /// 事业收入
    BusinessIncome,
    /// 上年结转
    CarryOver,
    /// 其他收入
    OtherIncome,
    /// 基本支出
    Basic,
    /// 人员经费
    Personnel,
    /// 日常公用经费
    PublicExpenses,
    /// 项目支出
    Project,
    /// 机关运行经费
    RunningCosts,
    /// “三公”经费合计
    ThreePublicTotal,
    /// 因公出国（境）费
    Abroad,
    /// 公务用车购置及运行维护费
    Vehicles,
    /// 公务用车购置费
    VehiclePurchase,
    /// 公务用车运行维护费
    VehicleOperation,
    /// 公务接待费
    Reception,
}

impl Item {
    /// The Chinese name used in messages and pages.
    pub fn name(self) -> &'static str {
        match self {
            Item::Total => "合计",
            Item::GeneralBudget => "一般公共预算拨款",
            Item::GovernmentFund => "政府性基金预算拨款",
            Item::StateCapital => "国有资本经营预算拨款",
            Item::SpecialAccount => "财政专户核拨收入",
            Item::BusinessIncome => "事业收入",
            Item::CarryOver => "上年结转",
            Item::OtherIncome => "其他收入",
            Item::Basic => "基本支出",
            Item::Personnel => "人员经费",
            Item::PublicExpenses => "日常公用经费",
            Item::Project => "项目支出",
            Item::RunningCosts => "机关运行经费",
            Item::ThreePublicTotal => "“三公”经费合计",
            Item::Abroad => "因公出国（境）费",
            Item::Vehicles => "公务用车购置及运行维护费",
            Item::VehiclePurchase => "公务用车购置费",
            Item::VehicleOperation => "公务用车运行维护费",
            Item::Reception => "公务接待费",
        }
    }

    /// Sets of parts that make up a whole: each list, when printed, adds up to the whole.
    pub fn breakdowns(self) -> &'static [&'static [Item]] {
        use Item::*;
        match self {
            Total => &[
                &[
                    GeneralBudget,
                    GovernmentFund,
                    StateCapital,
                    SpecialAccount,
                    BusinessIncome,
                    CarryOver,
                    OtherIncome,
                ],
                &[Basic, Project],
            ],
            Basic => &[&[Personnel, PublicExpenses]],
            ThreePublicTotal => &[
                &[Abroad, Vehicles, Reception],
                &[Abroad, VehiclePurchase, VehicleOperation, Reception],
            ],
            Vehicles => &[&[VehiclePurchase, VehicleOperation]],
            _ => &[],
        }
    }
}

/// One item's figures in a statement: this year, last year, and the stated change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub item: Item,
    /// 本年预算数（万元）。
    pub amount: Option<Located<Money>>,
    /// 上年预算数（万元），如“较2019年预算667.25万元”。
    pub previous: Option<Located<Money>>,
    /// 较上年增减（万元，增加为正、减少为负；“无变化”为 0）。
    pub change: Option<Change>,
}

impl Figure {
    pub fn new(item: Item) -> Figure {
        Figure {
            item,
            amount: None,
            previous: None,
            change: None,
        }
    }
}

/// A stated change from last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Signed, in 万元: an increase is positive.
    pub value: Money,
    /// The words as printed (`增加了193.79万元`, `较上年无变化`).
    pub printed: String,
    pub at: Origin,
}

/// 政府采购：文字说明与采购预算表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Procurement {
    /// 文字说明（采购预算合计、其中一般公共预算拨款……）。
    pub statement: Option<Statement>,
    /// 表中的“合计”行。
    pub total: Option<FundingRow>,
    /// 按单位分组的明细（“……小计”行及其下的采购行）。
    pub groups: Vec<ProcurementGroup>,
}

impl Procurement {
    pub fn lines(&self) -> impl Iterator<Item = &ProcurementLine> {
        self.groups.iter().flat_map(|g| &g.lines)
    }
}

/// One unit's procurement lines and its printed subtotal; `unit` is `None` for lines that
/// no 小计 row heads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcurementGroup {
    pub unit: Option<Located<String>>,
    pub subtotal: Option<FundingRow>,
    pub lines: Vec<ProcurementLine>,
}

/// 政府采购金额按资金来源：合计与各来源（万元）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FundingRow {
    /// 合计
    pub total: Option<Located<Money>>,
    /// 一般公共预算拨款
    pub general_budget: Option<Located<Money>>,
    /// 基金预算拨款
    pub government_fund: Option<Located<Money>>,
    /// 国有资本经营预算拨款
    pub state_capital: Option<Located<Money>>,
    /// 财政专户核拨
    pub special_account: Option<Located<Money>>,
    /// 其他来源收入
    pub other: Option<Located<Money>>,
    /// The row's line.
    pub line: u32,
}

impl FundingRow {
    /// The sources with their names, in column order.
    pub fn sources(&self) -> [(&'static str, Option<&Located<Money>>); 5] {
        [
            ("一般公共预算拨款", self.general_budget.as_ref()),
            ("基金预算拨款", self.government_fund.as_ref()),
            ("国有资本经营预算拨款", self.state_capital.as_ref()),
            ("财政专户核拨", self.special_account.as_ref()),
            ("其他来源收入", self.other.as_ref()),
        ]
    }

    /// All columns, 合计 first.
    pub fn columns(&self) -> [(&'static str, Option<&Located<Money>>); 6] {
        let [a, b, c, d, e] = self.sources();
        [("合计", self.total.as_ref()), a, b, c, d, e]
    }
}

/// 政府采购预算表的一行。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcurementLine {
    /// 政府采购项目来源：项目名称（折行与空格已去除）。
    pub project: Located<String>,
    /// 项目预算资金（万元）。
    pub project_budget: Option<Located<Money>>,
    /// 采购物品名称。
    pub item: Located<String>,
    /// 政府采购目录序号（如 A0999、C0810）。
    pub catalogue_code: Option<Located<String>>,
    /// 计量单位（箱、个、项）。
    pub measure: Option<String>,
    /// 数量。
    pub quantity: Option<Located<Decimal>>,
    /// 单价（万元）。
    pub unit_price: Option<Located<Money>>,
    /// 政府采购金额及其资金来源。
    pub amount: FundingRow,
}

/// 国有资产占用情况：文字说明与固定资产占用情况表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Assets {
    /// 截止日期（如“2019年12月31日”）。
    pub as_of: Option<Located<String>>,
    /// 文字说明所列固定资产总额（万元）。
    pub total: Option<Located<Money>>,
    /// 固定资产构成（按类别）。
    pub classes: Vec<AssetClass>,
    /// 本年拟购置的资产。
    pub planned: Vec<PlannedPurchase>,
    /// 固定资产占用情况表。
    pub table: Vec<AssetRow>,
    /// The paragraphs as printed.
    pub text: Vec<Located<String>>,
}

impl Assets {
    pub fn row(&self, kind: AssetRowKind) -> Option<&AssetRow> {
        self.table.iter().find(|r| r.kind == kind)
    }
}

/// 固定资产的一个类别：金额与占比。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetClass {
    /// 类别名称（交通运输、家具用具、通用设备……）。
    pub name: String,
    pub amount: Located<Money>,
    /// 占比（百分数，如 34.50 表示 34.50%）。
    pub share: Option<Located<Decimal>>,
}

/// 拟购置资产：如“计算机1台”。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedPurchase {
    pub item: String,
    pub quantity: Decimal,
    /// 台、辆、套……
    pub measure: String,
    pub at: Origin,
}

/// The rows of the 固定资产占用情况表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetRowKind {
    /// 资产总额
    Total,
    /// 房屋（平方米）
    Buildings,
    /// 其中：办公用房（平方米）
    OfficeSpace,
    /// 车辆（台、辆）
    Vehicles,
    /// 单价在20万元以上的设备
    CostlyEquipment,
    /// 其他固定资产
    Other,
}

/// 固定资产占用情况表的一行：数量（带计量单位）与价值（万元）。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetRow {
    pub kind: AssetRowKind,
    /// 项目（如所印）。
    pub label: String,
    pub quantity: Option<Located<Decimal>>,
    /// 数量的计量单位：平方米、台/辆……（取自项目名称的括号）。
    pub measure: Option<String>,
    pub value: Option<Located<Money>>,
    pub line: u32,
}

/// 名词解释的一条。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub term: String,
    pub definition: String,
    pub at: Origin,
}
