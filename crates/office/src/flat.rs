//! Flat indicator rows for analysts: one row per indicator with its project, as CSV (UTF-8
//! with BOM, so Excel and WPS open it in Chinese), JSON, and the 指标明细 sheet.

use serde::Serialize;

use jixiao_model::Document;

use crate::form::{decimal_text, target_parts};

/// 指标明细的一行。
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlatRow {
    /// 部门
    pub department: String,
    /// 年度
    pub year: Option<i32>,
    /// 预算单位
    pub unit: String,
    /// 项目编码（部门整体指标为空）
    pub project_code: String,
    /// 项目名称（部门整体指标为“部门整体”）
    pub project: String,
    /// 预算数（万元），exact decimal text.
    pub budget: String,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub description: String,
    /// 指标值（原文）
    pub target: String,
    /// 比较方式（≥、≤……）
    pub comparison: String,
    /// 数值
    pub value: String,
    /// 计量单位
    pub measure: String,
    pub basis: String,
}

/// Column titles, in [`FlatRow`] field order.
pub const HEADERS: [&str; 15] = [
    "部门",
    "年度",
    "预算单位",
    "项目编码",
    "项目名称",
    "预算数（万元）",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标值",
    "比较方式",
    "数值",
    "计量单位",
    "指标值确定依据",
];

impl FlatRow {
    pub fn fields(&self) -> [String; 15] {
        [
            self.department.clone(),
            self.year.map_or(String::new(), |y| y.to_string()),
            self.unit.clone(),
            self.project_code.clone(),
            self.project.clone(),
            self.budget.clone(),
            self.level1.clone(),
            self.level2.clone(),
            self.level3.clone(),
            self.description.clone(),
            self.target.clone(),
            self.comparison.clone(),
            self.value.clone(),
            self.measure.clone(),
            self.basis.clone(),
        ]
    }
}

/// Every indicator of the document: the department-wide ones first, then each project's.
pub fn rows(doc: &Document) -> Vec<FlatRow> {
    let department = doc.department.as_ref().map_or("", |d| d.value.as_str());
    let year = doc.year.as_ref().map(|y| y.value);
    let text = |v: &Option<jixiao_model::Located<String>>| {
        v.as_ref().map_or(String::new(), |v| v.value.clone())
    };
    let row =
        |unit: &str, code: &str, project: &str, budget: String, i: &jixiao_model::Indicator| {
            let (comparison, value, measure) = target_parts(i);
            FlatRow {
                department: department.to_string(),
                year,
                unit: unit.to_string(),
                project_code: code.to_string(),
                project: project.to_string(),
                budget,
                level1: i.level1.printed.value.clone(),
                level2: i.level2.printed.value.clone(),
                level3: text(&i.level3),
                description: text(&i.description),
                target: i
                    .target
                    .as_ref()
                    .map_or(String::new(), |t| t.value.printed.clone()),
                comparison,
                value,
                measure,
                basis: text(&i.basis),
            }
        };
    let mut out: Vec<FlatRow> = doc
        .department_indicators
        .iter()
        .map(|i| row("", "", "部门整体", String::new(), i))
        .collect();
    for p in &doc.projects {
        let unit = p.unit.as_ref().map_or("", |u| u.printed.as_str());
        let code = p.code.as_ref().map_or("", |c| c.value.as_str());
        let budget = p
            .budget
            .total
            .as_ref()
            .map_or(String::new(), |m| decimal_text(m.value.0));
        out.extend(
            p.indicators
                .iter()
                .map(|i| row(unit, code, &p.name.value, budget.clone(), i)),
        );
    }
    out
}

/// CSV with a header row, UTF-8 with BOM (Excel opens it as UTF-8), CRLF line ends.
pub fn write_csv(doc: &Document) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail; a failure would be a bug in csv.
        w.write_record(HEADERS).expect("CSV into memory");
        for r in rows(doc) {
            w.write_record(r.fields()).expect("CSV into memory");
        }
        w.flush().expect("CSV into memory");
    }
    out
}

/// A JSON array of the rows (field names as in [`FlatRow`]).
pub fn write_json(doc: &Document) -> Vec<u8> {
    serde_json::to_vec_pretty(&rows(doc)).unwrap_or_else(|_| b"[]".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let text = "项目名称 | 应急演练,\"双控\"\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 演练次数 | ≥2次\n";
        let doc = jixiao_read::read_bytes("a.txt", text.as_bytes())
            .unwrap()
            .document;
        let csv = String::from_utf8(write_csv(&doc)).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains(",\"应急演练,\"\"双控\"\"\","), "{csv}");
        assert!(csv.ends_with("\r\n"));
    }
}
