//! Authentication (who is calling: session cookie, API token, or nobody) and authorisation
//! (what their role allows), shared by the API and the pages.

pub mod caller;
pub mod login;
pub mod password;
pub mod policy;
pub mod ratelimit;
pub mod session;
