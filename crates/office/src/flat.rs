//! stub
pub struct FlatRow;
pub fn write_csv(_d: &jixiao_model::Document) -> Vec<u8> { Vec::new() }
pub fn write_json(_d: &jixiao_model::Document) -> Vec<u8> { Vec::new() }
