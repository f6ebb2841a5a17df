//! 项目支出绩效自评表 and department summary as .xlsx.
