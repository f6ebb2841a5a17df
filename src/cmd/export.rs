//! `jixiao export`: the official tables of a document as .xlsx, .docx or PDF (with the
//! 盖章/签字 block, for printing and filing), and the flat indicator rows as CSV or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{load, print_diagnostics, write_file};

#[derive(clap::Args)]
pub struct Args {
    /// 绩效目标文档（任意支持的格式）
    document: PathBuf,
    /// xlsx：部门工作簿（目录、各项目绩效目标表、公开表、指标明细）；docx：绩效目标表；
    /// pdf：项目支出绩效目标表（A4，含盖章、签字栏，供打印归档）；
    /// csv / json：指标明细（一行一条指标）；disclosure-html / disclosure-xlsx：部门预算公开
    #[arg(long, value_enum)]
    format: Format,
    /// 输出文件
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Xlsx,
    Docx,
    Pdf,
    Csv,
    Json,
    DisclosureHtml,
    DisclosureXlsx,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = load(&args.document)?;
    print_diagnostics(&args.document, &loaded.diagnostics);
    let doc = &loaded.document;
    let disclosure = || {
        loaded
            .disclosure
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("{} 中没有部门预算公开内容", args.document.display()))
    };
    let bytes = match args.format {
        Format::Xlsx => jixiao_office::write_xlsx(doc),
        Format::Docx => jixiao_office::write_docx(doc),
        Format::Pdf => jixiao_office::write_pdf(doc),
        Format::Csv => jixiao_office::write_csv(doc),
        Format::Json => jixiao_office::write_json(doc),
        Format::DisclosureHtml => jixiao_office::write_html::publication_html(&jixiao_disclosure::publication(disclosure()?), "disclosure").into_bytes(),
        Format::DisclosureXlsx => jixiao_office::write_table::publication_xlsx(&jixiao_disclosure::publication(disclosure()?))?,
    };
    anyhow::ensure!(!bytes.is_empty(), "无法生成 {}", args.output.display());
    write_file(&args.output, &bytes)?;
    println!(
        "已导出：{}（{} 个项目）",
        args.output.display(),
        doc.projects.len()
    );
    Ok(ExitCode::SUCCESS)
}
