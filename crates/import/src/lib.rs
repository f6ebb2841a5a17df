//! The import pipeline: bytes → `Document` (`jixiao-carriers`, any carrier) → findings
//! (`jixiao-review`) → one transaction in the store (`jixiao-store`'s
//! [`Store::save_revision`]). The same bytes twice change nothing; changed bytes become a new
//! revision and the old one is kept.
//!
//! [`ReadDocument`] is a reading not yet stored and [`import_read`] stores exactly it, so a
//! caller can check what it read (the service: the uploader's department, via
//! [`ImportOptions::department`]) before the same reading is written. Batches
//! ([`import_paths`]) read on blocking threads, several files at once, each document in its
//! own transaction; parallel imports of one department share its organisation row.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jixiao_store::{FindingQuote, NewFinding, NewGrades, NewRevision, Store, StoreError, StoredGrade};

mod check;
mod rereview;
pub use check::check_document;
pub use rereview::{overlay, StoredReviewer};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use jixiao_store::{ImportOptions, ImportOutcome};

/// `store` as every importer and editor opens it (the service's `AppState`, `jixiao
/// import`): each import, edit and workflow step reviews again what it changes through a
/// [`StoredReviewer`] — the 自评表 paired with a target table imported after it included —
/// so the stored findings are the same whichever way the documents came in.
pub fn reviewing(store: Store) -> Store {
    store.with_reviewer(Arc::new(StoredReviewer::new()))
}

/// 导入失败的原因。
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] jixiao_carriers::CarrierError),
    #[error("{file}：保存失败：{source}")]
    Store { file: String, source: StoreError },
    #[error("{file}：无法读取文件：{}", jixiao_model::io_reason(source))]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// See [`ImportOptions::department`]: nothing was written.
    #[error("{file}：文档的部门（{}）不是允许导入的部门", printed.as_deref().unwrap_or("未印部门名称"))]
    WrongDepartment {
        file: String,
        printed: Option<String>,
    },
}

/// A document read (any carrier) and reviewed, not yet stored. [`import_read`] stores exactly
/// this reading, so whatever a caller checks on it (the service checks the department against
/// the uploader's) is what ends up in the database: the bytes are read once.
#[derive(Debug, Clone)]
pub struct ReadDocument {
    /// The file name (the document's source name).
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub reading: jixiao_carriers::Reading,
    pub report: jixiao_rules::Report,
}

impl ReadDocument {
    /// Reads `bytes` through `jixiao-carriers` (text, .docx, .xlsx/.xls, .html, .pdf) and
    /// reviews the result. CPU work: async callers run it on a blocking thread.
    pub fn read(name: &str, bytes: Vec<u8>) -> Result<ReadDocument, ImportError> {
        let (reading, report) = read_and_review(name, &bytes)?;
        Ok(ReadDocument {
            name: name.to_string(),
            sha256: hex_sha256(&bytes),
            bytes,
            reading,
            report,
        })
    }

    /// What every rule set found (review, disclosure) and the reader's warnings, as stored
    /// with the revision (rule `read.diagnostic`, rule set `read` for the reader's).
    ///
    /// A finding grouped by cause across projects (a table copied from project to project) is
    /// stored once for each project it names, at that project's first place, so that every
    /// project's findings and counts are its own.
    pub fn findings(&self) -> Vec<NewFinding> {
        let reader = self
            .reading
            .diagnostics
            .iter()
            .filter(|d| d.severity >= jixiao_model::Severity::Warning)
            .map(|d| NewFinding {
                rule: "read.diagnostic".to_string(),
                rule_set: "read".to_string(),
                severity: d.severity,
                message: d.message.clone(),
                line: d.at.line,
                cell: d.at.cell,
                project: None,
                row: None,
                suggestion: None,
                quotes: Vec::new(),
            });
        rule_findings(&self.report).chain(reader).collect()
    }

    /// The review's grades of the document and of each project, as stored with it.
    pub fn grades(&self) -> NewGrades {
        grades(&self.report)
    }

    /// The department as printed in the document (trimmed), if it names one.
    pub fn department(&self) -> Option<&str> {
        self.reading
            .document
            .department
            .as_ref()
            .map(|d| d.value.trim())
            .filter(|d| !d.is_empty())
    }
}

/// A document drafted in jixiao itself (新建绩效目标表, 复制为下一年度草稿) rather than read
/// from a file, reviewed by the same rule set as an import. [`import_draft`] stores exactly
/// it, as a new logical document whose projects are drafts.
#[derive(Debug, Clone)]
pub struct DraftDocument {
    /// The document's source name (unique per department and year: see [`import_draft`]).
    pub name: String,
    /// What is kept as the revision's original bytes: the draft as it was sent (JSON).
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub document: jixiao_model::Document,
    pub report: jixiao_rules::Report,
}

impl DraftDocument {
    /// Reviews `document` (the target tables' rule set, as an import does).
    pub fn new(name: &str, bytes: Vec<u8>, document: jixiao_model::Document) -> DraftDocument {
        let report = review_draft(&document);
        DraftDocument {
            name: name.to_string(),
            sha256: hex_sha256(&bytes),
            bytes,
            document,
            report,
        }
    }

    /// The findings stored with the draft (as [`ReadDocument::findings`], without a reader).
    pub fn findings(&self) -> Vec<NewFinding> {
        rule_findings(&self.report).collect()
    }

    /// The review's grades of the drafted document and its project, as stored with it.
    pub fn grades(&self) -> NewGrades {
        grades(&self.report)
    }
}

/// What the review finds in a drafted document: the live review of the drafting form, and
/// the findings [`DraftDocument`] stores.
pub fn review_draft(document: &jixiao_model::Document) -> jixiao_rules::Report {
    jixiao_review::review(document, &jixiao_review::Config::default())
}

/// Stores a drafted document as the first revision of a new logical document (the store's
/// `save_draft`): a document of the same department, year and name already there is a
/// conflict, a department outside [`ImportOptions::department`] is
/// [`ImportError::WrongDepartment`]; nothing is written then.
pub async fn import_draft(
    store: &Store,
    draft: &DraftDocument,
    options: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    let findings = draft.findings();
    let grades = draft.grades();
    let new = NewRevision {
        file_name: &draft.name,
        bytes: &draft.bytes,
        sha256: &draft.sha256,
        carrier: "Draft",
        document: &draft.document,
        findings: &findings,
        grades: &grades,
    };
    store.save_draft(&new, options).await.map_err(|source| match source {
        StoreError::WrongDepartment { printed } => ImportError::WrongDepartment {
            file: draft.name.clone(),
            printed,
        },
        source => ImportError::Store {
            file: draft.name.clone(),
            source,
        },
    })
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every rule set's findings of a report as stored: a finding grouped by cause across
/// projects is stored once for each project it names, at that project's first place (its
/// row: the index of the indicator row in the project's table), so that every project's
/// findings and counts are its own.
pub(crate) fn rule_findings(report: &jixiao_rules::Report) -> impl Iterator<Item = NewFinding> + '_ {
    report.findings.iter().flat_map(|f| {
        let quotes: Vec<FindingQuote> =
            f.quotes.iter().map(|q| FindingQuote { field: q.field.to_string(), value: q.value.clone() }).collect();
        // Each place with its fix: the finding's own, or the place's where it has one.
        let places = std::iter::once((&f.location, f.suggestion.as_ref()))
            .chain(f.also.iter().map(|o| (&o.location, o.suggestion.as_ref().or(f.suggestion.as_ref()))));
        let mut projects: Vec<Option<usize>> = Vec::new();
        places
            .filter(|(l, _)| {
                let new = !projects.contains(&l.project);
                if new {
                    projects.push(l.project);
                }
                new
            })
            .map(|(l, suggestion)| NewFinding {
                rule: f.rule.id().to_string(),
                rule_set: f.rule.set().id().to_string(),
                severity: f.severity,
                message: f.message.clone(),
                line: l.line,
                cell: l.cell,
                project: l.project,
                // `Location::row` counts from 1; department-wide rows belong to no project.
                row: l.project.and(l.row).and_then(|r| r.checked_sub(1)),
                suggestion: suggestion.cloned(),
                quotes: quotes.clone(),
            })
            .collect::<Vec<_>>()
    })
}

/// The grades of a report (the one computation, `jixiao_rules::Grading`), as stored.
pub(crate) fn grades(report: &jixiao_rules::Report) -> NewGrades {
    NewGrades {
        document: Some(StoredGrade {
            value: i64::from(report.score.value),
            grade: report.score.grade.to_string(),
            reasons: report.grade_reasons.clone(),
        }),
        projects: report
            .projects
            .iter()
            .map(|p| StoredGrade {
                value: i64::from(p.score.value),
                grade: p.score.grade.to_string(),
                reasons: p.grade_reasons.clone(),
            })
            .collect(),
    }
}

/// Reads, reviews and stores one document: all of it in one transaction, or nothing.
/// Bytes identical to the current revision of a document of the same file name are
/// recognised before reading, so re-importing a batch costs little.
pub async fn import_document(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    let sha = hex_sha256(bytes);
    let store_error = |source| ImportError::Store {
        file: name.to_string(),
        source,
    };
    if let Some(same) = store.unchanged(name, &sha).await.map_err(store_error)? {
        return Ok(same);
    }
    let doc = ReadDocument::read(name, bytes.to_vec())?;
    import_read(store, &doc, options).await
}

/// Stores a document already read by [`ReadDocument::read`], in one transaction; the same
/// bytes as the logical document's current revision change nothing.
pub async fn import_read(
    store: &Store,
    doc: &ReadDocument,
    options: &ImportOptions,
) -> Result<ImportOutcome, ImportError> {
    let findings = doc.findings();
    let grades = doc.grades();
    let new = NewRevision {
        file_name: &doc.name,
        bytes: &doc.bytes,
        sha256: &doc.sha256,
        carrier: &format!("{:?}", doc.reading.carrier),
        document: &doc.reading.document,
        findings: &findings,
        grades: &grades,
    };
    store
        .save_revision(&new, options)
        .await
        .map_err(|source| match source {
        StoreError::WrongDepartment { printed } => ImportError::WrongDepartment {
            file: doc.name.clone(),
            printed,
        },
        source => ImportError::Store {
            file: doc.name.clone(),
            source,
        },
    })
}

/// The CPU part of an import: the reader, then every rule set (the review of the target
/// tables, the disclosure's when the file has one, the re-scoring of a published
/// self-evaluation when it is one) into one report.
fn read_and_review(
    name: &str,
    bytes: &[u8],
) -> Result<(jixiao_carriers::Reading, jixiao_rules::Report), ImportError> {
    // Any carrier: text, .docx, .xlsx/.xls, .html, .pdf.
    let reading = jixiao_carriers::read_bytes(name, bytes)?;
    let report = check_document(
        &reading.document,
        reading.disclosure.as_ref(),
        &[],
        &jixiao_review::Config::default(),
        &jixiao_assess::ScoringConfig::default(),
    );
    Ok((reading, report))
}


/// 批量导入的汇总。
#[derive(Debug, Default, Serialize)]
pub struct ImportSummary {
    pub imported: Vec<(String, ImportOutcome)>,
    pub unchanged: Vec<(String, ImportOutcome)>,
    /// File and its reason, in Chinese.
    pub failed: Vec<(String, String)>,
    /// Projects and indicators of the documents imported (not of those unchanged).
    pub projects: usize,
    pub indicators: usize,
}

fn collect_files(paths: &[PathBuf], out: &mut Vec<PathBuf>, failed: &mut Vec<(String, String)>) {
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(entries) => {
                    // Hidden entries (`.DS_Store`, `.git`) are no documents.
                    let mut children: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|c| {
                            !c.file_name()
                                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                        })
                        .collect();
                    children.sort();
                    collect_files(&children, out, failed);
                }
                Err(e) => failed.push((p.display().to_string(), format!("无法读取目录：{e}"))),
            }
        } else {
            out.push(p.clone());
        }
    }
}

/// One file of a batch: reading and review run on a blocking thread, so that `parallelism`
/// files are read at once without stalling the async workers.
async fn import_file(
    store: &Store,
    path: &Path,
    name: String,
    options: &ImportOptions,
) -> Result<(ImportOutcome, usize, usize), ImportError> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|source| ImportError::Io {
            file: path.display().to_string(),
            source,
        })?;
    let sha = hex_sha256(&bytes);
    let store_error = |source| ImportError::Store {
        file: name.clone(),
        source,
    };
    if let Some(same) = store.unchanged(&name, &sha).await.map_err(store_error)? {
        return Ok((same, 0, 0));
    }
    let n = name.clone();
    let doc = tokio::task::spawn_blocking(move || ReadDocument::read(&n, bytes))
        .await
        .map_err(|e| ImportError::Io {
            file: name.clone(),
            source: std::io::Error::other(format!("读取任务异常结束：{e}")),
        })??;
    let outcome = import_read(store, &doc, options).await?;
    let d = &doc.reading.document;
    let indicators = d.department_indicators.len() + d.projects.iter().map(|p| p.indicators.len()).sum::<usize>();
    Ok(match outcome {
        ImportOutcome::Imported { .. } => (outcome, d.projects.len(), indicators),
        ImportOutcome::Unchanged { .. } => (outcome, 0, 0),
    })
}

/// Imports files and directories (recursively), `parallelism` at a time; `progress` is
/// called after each file with (done, total, file). Each document is its own transaction:
/// one failure leaves the others stored.
pub async fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    parallelism: usize,
    options: &ImportOptions,
    progress: impl Fn(usize, usize, &Path) + Send + Sync + 'static,
) -> ImportSummary {
    let mut summary = ImportSummary::default();
    let mut files = Vec::new();
    collect_files(paths, &mut files, &mut summary.failed);
    let total = files.len();
    let progress = Arc::new(progress);
    let semaphore = Arc::new(tokio::sync::Semaphore::new(parallelism.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (index, path) in files.into_iter().enumerate() {
        let (store, options, semaphore) = (store.clone(), options.clone(), semaphore.clone());
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let result = import_file(&store, &path, name, &options).await;
            (index, path, result)
        });
    }
    let mut done = 0;
    let mut results = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        let (index, path, result) = match joined {
            Ok(r) => r,
            // A task that panicked lost its path; the batch still reports it.
            Err(e) => {
                done += 1;
                summary
                    .failed
                    .push((String::new(), format!("导入任务异常结束：{e}")));
                continue;
            }
        };
        done += 1;
        progress(done, total, &path);
        results.push((index, path, result));
    }
    results.sort_by_key(|(i, _, _)| *i);
    for (_, path, result) in results {
        let file = path.display().to_string();
        match result {
            Ok((o @ ImportOutcome::Imported { .. }, projects, indicators)) => {
                summary.projects += projects;
                summary.indicators += indicators;
                summary.imported.push((file, o));
            }
            Ok((o @ ImportOutcome::Unchanged { .. }, _, _)) => summary.unchanged.push((file, o)),
            Err(e) => summary.failed.push((file, e.to_string())),
        }
    }
    summary
}

/// Imports the demo documents of `dir` when the database holds no document yet; `None`
/// when it already does.
pub async fn load_demo(store: &Store, dir: &Path) -> Result<Option<usize>, StoreError> {
    if store.row_counts().await?.documents > 0 {
        return Ok(None);
    }
    let summary = import_paths(
        store,
        &[dir.to_path_buf()],
        1,
        &ImportOptions::default(),
        |_, _, _| {},
    )
    .await;
    if let Some((file, reason)) = summary.failed.first() {
        return Err(StoreError::Invalid(format!(
            "示例数据 {file} 导入失败：{reason}"
        )));
    }
    Ok(Some(summary.imported.len()))
}

