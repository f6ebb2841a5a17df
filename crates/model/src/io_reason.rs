//! The operating system's reason a file could not be read or written, in Chinese.
//!
//! `std::io::Error` prints the system's English text ("No such file or directory (os error
//! 2)"); users read Chinese, so every message that names a file says why in Chinese, and keeps
//! the system's own text in brackets for whoever has to look further.

use std::io::{Error, ErrorKind};

/// 文件读写失败的原因（中文），系统原文附在括号内。
pub fn io_reason(error: &Error) -> String {
    let reason = match error.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::IsADirectory => "这是一个目录，不是文件",
        ErrorKind::NotADirectory => "路径中的某一级不是目录",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::InvalidData | ErrorKind::InvalidInput => "内容或参数无效",
        ErrorKind::UnexpectedEof => "文件不完整，读到意外的结尾",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::AddrInUse => "地址已被占用",
        ErrorKind::AddrNotAvailable => "地址不可用",
        ErrorKind::ConnectionRefused => "连接被拒绝",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::OutOfMemory => "内存不足",
        _ => "系统错误",
    };
    format!("{reason}（{error}）")
}

#[cfg(test)]
mod tests {
    use super::io_reason;

    #[test]
    fn names_the_reason_in_chinese_and_keeps_the_system_text() {
        // (Errors made, not met: this crate does no IO, even in its tests.)
        let missing = std::io::Error::from_raw_os_error(2);
        let text = io_reason(&missing);
        assert!(text.starts_with("文件或目录不存在（"), "{text}");
        assert!(text.ends_with('）'), "{text}");
        let directory = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        assert!(io_reason(&directory).starts_with("这是一个目录，不是文件（"), "{}", io_reason(&directory));
        let other = std::io::Error::other("boom");
        assert_eq!(io_reason(&other), "系统错误（boom）");
    }
}
