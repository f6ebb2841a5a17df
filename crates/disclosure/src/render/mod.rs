//! Publishing a disclosure: one view of its parts in the usual disclosure order
//! ([`view`]) as a [`jixiao_model::table::Publication`] — data, which `jixiao-office`'s
//! writers draw as an HTML page or section and as a workbook with one sheet per part.

pub(crate) mod view;
