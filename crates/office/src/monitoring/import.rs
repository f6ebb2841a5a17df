//! Reads a filled monitoring template back. Every bad cell is reported with sheet, row and
//! column; a file with any error yields no data at all.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use jixiao_model::text::{squeeze, trim};
use jixiao_model::{Decimal, Document, Money};

use super::template::{
    EXPLANATION_COLUMN, GOAL_ACTUAL_COLUMN, INDICATOR_HEADERS, INFO_FIRST, INFO_LAST, INFO_YEAR, PROJECT_HEADERS, PROJECT_REQUIRED,
    SOURCE_COLUMNS,
};
use super::{column_letter, CellError, SHEET_INDICATORS, SHEET_INFO, SHEET_PROJECTS};
use jixiao_assess::actual::TargetKind;
use jixiao_assess::monitoring::{unexplained_low_rates, validate, DeviationCause, IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring};

/// Reads a filled template from disk.
pub fn read_monitoring_path(path: &Path, doc: &Document) -> Result<MonitoringReport, Vec<CellError>> {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read_monitoring_xlsx(&file, &bytes, doc),
        Err(e) => Err(vec![CellError { file, sheet: None, row: None, column: None, message: format!("无法读取文件：{}", jixiao_model::io_reason(&e)) }]),
    }
}

/// Reads a filled template for `doc`; `file` names the file in messages.
pub fn read_monitoring_xlsx(file: &str, bytes: &[u8], doc: &Document) -> Result<MonitoringReport, Vec<CellError>> {
    let explain_below = jixiao_assess::ScoringConfig::default().explain_below_rate;
    let mut import = Import { file, doc, errors: Vec::new(), explain_below: Some(explain_below) };
    let result = import.run(bytes).map(|(report, ..)| report);
    finish(import.errors, result)
}

/// Reads a filled 1–12 月 template from disk and scores the year ([`score_year_end_xlsx`]).
pub fn score_year_end_path(
    path: &Path,
    doc: &Document,
    cfg: &jixiao_assess::ScoringConfig,
) -> Result<(MonitoringReport, Vec<jixiao_assess::ProjectScore>), Vec<CellError>> {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => score_year_end_xlsx(&file, &bytes, doc, cfg),
        Err(e) => Err(vec![CellError { file, sheet: None, row: None, column: None, message: format!("无法读取文件：{}", jixiao_model::io_reason(&e)) }]),
    }
}

/// Reads a filled 1–12 月 template and scores the year (`jixiao_assess::score_year_end`): every
/// error, the reading's and the scoring's (a row left out, a blank 实际完成值 or 全年执行数, a
/// band's share outside the band, a period not ending in December), names its sheet and cell
/// — the row of the project or indicator and the column of the field — or, for a row missing
/// from the template, the sheet it belongs on.
pub fn score_year_end_xlsx(
    file: &str,
    bytes: &[u8],
    doc: &Document,
    cfg: &jixiao_assess::ScoringConfig,
) -> Result<(MonitoringReport, Vec<jixiao_assess::ProjectScore>), Vec<CellError>> {
    let mut import = Import { file, doc, errors: Vec::new(), explain_below: None };
    let read = import.run(bytes);
    let mut scores = Vec::new();
    if let Some((report, projects, indicators, rows, info)) = &read {
        let read_well = import.errors.is_empty();
        // The rules require a low execution rate's reason: named on its cell, with the
        // scoring's errors (all of them at once).
        for e in unexplained_low_rates(doc, report, cfg.explain_below_rate) {
            import.place_error(&e, projects, indicators, rows);
        }
        if read_well {
            match jixiao_assess::score_year_end(doc, report, cfg) {
                Ok(s) => scores = s,
                Err(found) => {
                    for e in found {
                        match &e {
                            jixiao_assess::InputError::BadPeriod { .. } => {
                                let row = (0..info.rows()).find(|&r| squeeze(&info.cell(r, 0).to_string()) == INFO_LAST);
                                import.errors.push(CellError {
                                    file: file.to_string(),
                                    sheet: Some(SHEET_INFO.into()),
                                    row: row.map(|r| r as u32 + 1),
                                    column: Some(("B".into(), INFO_LAST.into())),
                                    message: e.to_string(),
                                });
                            }
                            _ => import.place_error(&e, projects, indicators, rows),
                        }
                    }
                }
            }
        }
    }
    finish(import.errors, read.map(|(report, ..)| (report, scores)))
}

/// The result, or every error sheet by sheet, top to bottom, left to right: the order a
/// person checks them.
fn finish<T>(mut errors: Vec<CellError>, result: Option<T>) -> Result<T, Vec<CellError>> {
    let sheet_order = |s: &Option<String>| [None, Some(SHEET_INFO), Some(SHEET_PROJECTS), Some(SHEET_INDICATORS)].iter().position(|n| *n == s.as_deref());
    errors.sort_by_key(|e| (sheet_order(&e.sheet), e.row, e.column.as_ref().map(|(l, _)| (l.len(), l.clone()))));
    match result {
        Some(report) if errors.is_empty() => Ok(report),
        _ => Err(errors),
    }
}

/// One worksheet with its header columns.
struct Sheet {
    name: &'static str,
    range: Range<Data>,
    /// Column index of each expected header (in the order given), when found.
    columns: Vec<Option<usize>>,
    headers: &'static [&'static str],
}

impl Sheet {
    fn cell(&self, row: usize, col: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.range.get_value((row as u32, col as u32)).unwrap_or(&EMPTY)
    }

    fn rows(&self) -> usize {
        self.range.end().map_or(0, |(r, _)| r as usize + 1)
    }

    /// The column of header `h` (an index into `headers`).
    fn col(&self, h: usize) -> Option<usize> {
        self.columns.get(h).copied().flatten()
    }

    /// The cell under header `h` as text (numbers as written, dates as `2023年5月`).
    fn text(&self, row: usize, h: usize) -> String {
        let Some(col) = self.col(h) else { return String::new() };
        match self.cell(row, col) {
            Data::DateTime(dt) => {
                let (y, m, ..) = dt.to_ymd_hms_milli();
                format!("{y}年{m}月")
            }
            other => trim(&other.to_string()).to_string(),
        }
    }
}

struct Import<'a> {
    file: &'a str,
    doc: &'a Document,
    errors: Vec<CellError>,
    /// A year-end (1–12 月) template's execution rate below this (%) needs its 执行率偏低原因说明
    /// (the scoring's `explain_below_rate`), checked with the reading's validation; `None`:
    /// the caller checks it (the scoring, beside its own errors).
    explain_below: Option<Decimal>,
}

/// Where an entry was read from, to place the errors found by validation.
#[derive(Default)]
struct Rows {
    projects: BTreeMap<usize, usize>,
    indicators: BTreeMap<(usize, usize), usize>,
}

fn header_index(headers: &[&str], field: &str) -> Option<usize> {
    headers.iter().position(|h| {
        let bare = h.strip_suffix("（万元）").unwrap_or(h);
        *h == field || bare == field || bare.strip_prefix("其中：") == Some(field)
    })
}

impl Import<'_> {
    fn error(&mut self, sheet: Option<&Sheet>, row: Option<usize>, h: Option<usize>, message: impl Into<String>) {
        let column = sheet.zip(h).and_then(|(s, h)| s.col(h).map(|c| (column_letter(c), s.headers[h].to_string())));
        self.errors.push(CellError {
            file: self.file.to_string(),
            sheet: sheet.map(|s| s.name.to_string()),
            row: row.map(|r| r as u32 + 1),
            column,
            message: message.into(),
        });
    }

    /// The report read, with the sheets and rows it was read from (to place the errors found
    /// later) and the 填报说明 sheet.
    fn run(&mut self, bytes: &[u8]) -> Option<(MonitoringReport, Sheet, Sheet, Rows, Sheet)> {
        if bytes.is_empty() {
            self.error(None, None, None, "文件为空（0 字节）：请上传填好的监控模板（.xlsx）");
            return None;
        }
        // The one way zip packages are opened (bounded, errors in Chinese) before calamine.
        let package = jixiao_carriers::limits::Package::open(self.file, "Excel", bytes).and_then(|mut p| p.check_all().map(|()| p));
        let package = match package {
            Ok(p) => p,
            Err(e) => {
                let text = e.to_string();
                let problem = text.strip_prefix(&format!("{}：", self.file)).unwrap_or(&text).to_string();
                self.error(None, None, None, format!("不是有效的 xlsx 文件：{problem}"));
                return None;
            }
        };
        if !package.has("xl/workbook.xml") {
            self.error(None, None, None, "不是有效的 xlsx 文件：压缩包中没有 Excel 工作簿（xl/workbook.xml），请使用系统下载的监控模板");
            return None;
        }
        let mut wb: Xlsx<_> = match open_workbook_from_rs(Cursor::new(bytes)) {
            Ok(wb) => wb,
            Err(_) => {
                self.error(None, None, None, "不是有效的 xlsx 文件：工作簿无法解析，请用 Excel 或 WPS 另存为 .xlsx 后重试");
                return None;
            }
        };
        let empty = wb.sheet_names().into_iter().all(|n| wb.worksheet_range(&n).map_or(true, |r| r.used_cells().next().is_none()));
        if empty {
            self.error(None, None, None, "工作簿是空的（没有任何单元格）：请在系统下载的监控模板中填写后上传");
            return None;
        }
        let info = self.sheet(&mut wb, SHEET_INFO, &[], 0);
        let projects = self.sheet(&mut wb, SHEET_PROJECTS, &PROJECT_HEADERS, PROJECT_REQUIRED);
        let indicators = self.sheet(&mut wb, SHEET_INDICATORS, &INDICATOR_HEADERS, INDICATOR_HEADERS.len());
        let info = info?;
        let period = self.period(&info)?;
        let (projects, indicators) = (projects?, indicators?);
        if !self.errors.is_empty() {
            return None;
        }
        let mut report = MonitoringReport { period, projects: Vec::new() };
        let mut rows = Rows::default();
        self.read_projects(&projects, &mut report, &mut rows);
        self.read_indicators(&indicators, &mut report, &mut rows);
        report.projects.sort_by_key(|p| p.project);
        let mut found = validate(self.doc, &report).err().unwrap_or_default();
        // The rules require a low execution rate's reason at year end: named on its cell.
        if let Some(below) = self.explain_below {
            found.extend(unexplained_low_rates(self.doc, &report, below));
        }
        for e in found {
            self.place_error(&e, &projects, &indicators, &rows);
        }
        Some((report, projects, indicators, rows, info))
    }

    /// The sheet `name` with its columns: the first `required` of `headers` must be there
    /// (the later ones are those a template written before them lacks).
    fn sheet(&mut self, wb: &mut Xlsx<Cursor<&[u8]>>, name: &'static str, headers: &'static [&'static str], required: usize) -> Option<Sheet> {
        let range = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(_) => {
                self.error(None, None, None, format!("缺少工作表「{name}」，请使用系统下载的监控模板"));
                return None;
            }
        };
        let mut sheet = Sheet { name, range, columns: Vec::new(), headers };
        let width = sheet.range.end().map_or(0, |(_, c)| c as usize + 1);
        let found: Vec<String> = (0..width).map(|c| squeeze(&sheet.cell(0, c).to_string())).collect();
        sheet.columns = headers.iter().map(|h| found.iter().position(|f| f.starts_with(h))).collect();
        for (i, h) in headers.iter().enumerate().take(required) {
            if sheet.columns[i].is_none() {
                self.error(Some(&sheet), Some(0), None, format!("缺少“{h}”列"));
            }
        }
        Some(sheet)
    }

    /// 起始月份 / 截止月份 / 预算年度 from the 填报说明 sheet (labels in column A).
    fn period(&mut self, info: &Sheet) -> Option<Period> {
        let value = |label: &str, this: &mut Self| -> Option<(usize, String)> {
            let row = (0..info.rows()).find(|&r| squeeze(&info.cell(r, 0).to_string()) == label);
            match row {
                Some(r) => Some((r, trim(&info.cell(r, 1).to_string()).to_string())),
                None => {
                    this.error(Some(info), None, None, format!("缺少“{label}”一行"));
                    None
                }
            }
        };
        let first = value(INFO_FIRST, self);
        let last = value(INFO_LAST, self);
        let year = value(INFO_YEAR, self);
        let month = |cell: Option<(usize, String)>, this: &mut Self| -> Option<u32> {
            let (row, text) = cell?;
            match text.parse::<u32>() {
                Ok(m) => Some(m),
                Err(_) => {
                    this.errors.push(CellError {
                        file: this.file.to_string(),
                        sheet: Some(SHEET_INFO.into()),
                        row: Some(row as u32 + 1),
                        column: Some(("B".into(), "月份".into())),
                        message: format!("“{text}”不是月份数字"),
                    });
                    None
                }
            }
        };
        let (first, last) = (month(first, self), month(last, self));
        let year = year.and_then(|(_, t)| t.parse::<i32>().ok());
        match Period::new(year, first?, last?) {
            Ok(p) => Some(p),
            Err(e) => {
                self.error(Some(info), None, None, e.to_string());
                None
            }
        }
    }

    /// The 项目序号 of a row, checked against the document and the printed project name.
    fn project_of(&mut self, sheet: &Sheet, row: usize, name_header: usize) -> Option<usize> {
        let text = sheet.text(row, 0);
        let n = text.parse::<usize>().ok().filter(|n| (1..=self.doc.projects.len()).contains(n));
        let Some(n) = n else {
            self.error(Some(sheet), Some(row), Some(0), format!("项目序号“{text}”无效（文档共{}个项目）", self.doc.projects.len()));
            return None;
        };
        let name = sheet.text(row, name_header);
        let want = &self.doc.projects[n - 1].name.value;
        if squeeze(&name) != squeeze(want) {
            self.error(
                Some(sheet),
                Some(row),
                Some(name_header),
                format!("项目名称“{name}”与文档第{n}个项目“{want}”不符（模板可能来自另一版本的绩效目标）"),
            );
            return None;
        }
        Some(n - 1)
    }

    fn is_blank_row(sheet: &Sheet, row: usize) -> bool {
        (0..sheet.headers.len()).all(|h| sheet.text(row, h).is_empty())
    }

    fn money(&mut self, sheet: &Sheet, row: usize, h: usize) -> Option<Money> {
        let col = sheet.col(h)?;
        let parsed = match sheet.cell(row, col) {
            Data::Empty => return None,
            Data::Float(f) => Decimal::from_str(&f.to_string()).ok().map(|d| Money(d.normalize())),
            Data::Int(i) => Some(Money((*i).into())),
            Data::String(s) if trim(s).is_empty() => return None,
            Data::String(s) => Money::parse(s, jixiao_model::AmountUnit::WanYuan),
            _ => None,
        };
        if parsed.is_none() {
            self.error(Some(sheet), Some(row), Some(h), format!("“{}”不是金额（单位万元，填数字）", sheet.text(row, h)));
        }
        parsed
    }

    fn read_projects(&mut self, sheet: &Sheet, report: &mut MonitoringReport, rows: &mut Rows) {
        for row in 1..sheet.rows() {
            if Self::is_blank_row(sheet, row) {
                continue;
            }
            let Some(project) = self.project_of(sheet, row, 1) else { continue };
            if let Some(first) = rows.projects.insert(project, row) {
                self.error(Some(sheet), Some(row), Some(0), format!("第{}个项目重复，已在第{}行填报", project + 1, first + 1));
                continue;
            }
            let budget = self.money(sheet, row, 4);
            let spent = self.money(sheet, row, 5);
            let expected = self.money(sheet, row, 6);
            // (That the sources add up to the totals is validation's, named on the total's cell.)
            let sources: Vec<(Option<Money>, Option<Money>)> =
                SOURCE_COLUMNS.iter().map(|&(b, s)| (self.money(sheet, row, b), self.money(sheet, row, s))).collect();
            let text = |h: usize| Some(sheet.text(row, h)).filter(|t| !t.is_empty());
            let (goal_actual, explanation) = (text(GOAL_ACTUAL_COLUMN), text(EXPLANATION_COLUMN));
            let pm = entry(report, project);
            pm.annual_budget = budget;
            pm.spent_to_date = spent;
            pm.expected_full_year_spend = expected;
            for (slot, (b, s)) in [&mut pm.year_end.fiscal, &mut pm.year_end.carried_over, &mut pm.year_end.other].into_iter().zip(sources) {
                slot.adjusted = b;
                slot.executed = s;
            }
            pm.year_end.goal_actual = goal_actual;
            pm.year_end.budget_explanation = explanation;
        }
    }

    fn read_indicators(&mut self, sheet: &Sheet, report: &mut MonitoringReport, rows: &mut Rows) {
        for row in 1..sheet.rows() {
            if Self::is_blank_row(sheet, row) {
                continue;
            }
            let Some(project) = self.project_of(sheet, row, 2) else { continue };
            let indicators = &self.doc.projects[project].indicators;
            let text = sheet.text(row, 1);
            let Some(index) = text.parse::<usize>().ok().filter(|n| (1..=indicators.len()).contains(n)).map(|n| n - 1) else {
                self.error(Some(sheet), Some(row), Some(1), format!("指标序号“{text}”无效（该项目共{}条指标）", indicators.len()));
                continue;
            };
            let indicator = &indicators[index];
            let level3 = sheet.text(row, 5);
            if squeeze(&level3) != squeeze(indicator.level3_text()) {
                self.error(
                    Some(sheet),
                    Some(row),
                    Some(5),
                    format!("三级指标“{level3}”与文档中该项目第{}条指标“{}”不符", index + 1, indicator.level3_text()),
                );
                continue;
            }
            if let Some(first) = rows.indicators.insert((project, index), row) {
                self.error(Some(sheet), Some(row), Some(1), format!("该指标重复，已在第{}行填报", first + 1));
                continue;
            }
            let kind = TargetKind::of(indicator);
            let mut progress = IndicatorProgress::empty(index);
            for (h, slot) in [(8, &mut progress.current), (9, &mut progress.expected_full_year)] {
                let text = sheet.text(row, h);
                if text.is_empty() {
                    continue;
                }
                match kind.parse(&text) {
                    Ok(v) => *slot = Some(v),
                    Err(problem) => self.error(Some(sheet), Some(row), Some(h), format!("“{text}”无效：{problem}")),
                }
            }
            let text = sheet.text(row, 10);
            if !text.is_empty() {
                progress.likelihood = Likelihood::from_label(&text);
                if progress.likelihood.is_none() {
                    self.error(Some(sheet), Some(row), Some(10), format!("“{text}”无效：应为 确定能、有可能 或 完全不可能"));
                }
            }
            let text = sheet.text(row, 11);
            if !text.is_empty() {
                progress.cause = DeviationCause::from_label(&text);
                if progress.cause.is_none() {
                    self.error(Some(sheet), Some(row), Some(11), format!("“{text}”无效：应为 经费保障、制度保障、人员保障、硬件保障 或 其他"));
                }
            }
            progress.cause_text = Some(sheet.text(row, 12)).filter(|t| !t.is_empty());
            progress.measures = Some(sheet.text(row, 13)).filter(|t| !t.is_empty());
            entry(report, project).indicators.push(progress);
        }
    }

    /// Puts an error found by validation on its row and column, unless that cell already has
    /// an error (an unreadable likelihood is not also reported as missing).
    fn place_error(&mut self, e: &jixiao_assess::InputError, projects: &Sheet, indicators: &Sheet, rows: &Rows) {
        let place = e.place();
        let (sheet, row) = match place.map(|p| (p.project, p.indicator.as_ref().map(|(i, _)| *i))) {
            Some((p, Some(i))) => (indicators, rows.indicators.get(&(p, i)).copied()),
            Some((p, None)) => (projects, rows.projects.get(&p).copied()),
            None => (indicators, None),
        };
        // The year-end scoring names the fields as the 自评表 does; the template's columns are
        // the monitoring's (实际完成值 is 当前完成值 of a 1–12 月 template, 全年执行数 its 执行数).
        let field = e.field().map(|f| match f {
            "实际完成值" => "当前完成值",
            "全年执行数" => "执行数",
            f => f,
        });
        let h = field.and_then(|f| header_index(sheet.headers, f));
        let taken = self.errors.iter().any(|x| {
            x.sheet.as_deref() == Some(sheet.name)
                && x.row == row.map(|r| r as u32 + 1)
                && x.column.as_ref().map(|c| &c.1) == h.map(|h| sheet.headers[h].to_string()).as_ref()
        });
        if taken {
            return;
        }
        match (place, row) {
            // The template has no row for it (deleted, or never filled in): name the sheet and
            // what its row would carry.
            (Some(p), None) => {
                let what = match &p.indicator {
                    Some((i, text)) => format!("项目序号 {}、指标序号 {}（{text}）", p.project + 1, i + 1),
                    None => format!("项目序号 {}（{}）", p.project + 1, p.project_name),
                };
                self.error(Some(sheet), None, None, format!("缺少{what}这一行：{}", e.problem()));
            }
            // A template written before the column was added has no cell for the reason.
            _ if h.is_some_and(|h| sheet.col(h).is_none()) => {
                let header = h.map_or("", |h| sheet.headers[h]);
                self.error(Some(sheet), row, None, format!("{}（本模板没有“{header}”列：请重新下载监控模板填写）", e.problem()))
            }
            _ => self.error(Some(sheet), row, h, e.problem()),
        }
    }
}

fn entry(report: &mut MonitoringReport, project: usize) -> &mut ProjectMonitoring {
    let i = match report.projects.iter().position(|p| p.project == project) {
        Some(i) => i,
        None => {
            report.projects.push(ProjectMonitoring {
                year_end: Default::default(),
                project,
                annual_budget: None,
                spent_to_date: None,
                expected_full_year_spend: None,
                indicators: Vec::new(),
            });
            report.projects.len() - 1
        }
    };
    &mut report.projects[i]
}
